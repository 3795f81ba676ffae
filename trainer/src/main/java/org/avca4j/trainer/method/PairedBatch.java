package org.avca4j.trainer.method;

import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * The input names of the networks that read the positive and the negative clip with their class
 * embeddings (CJME, AVGZSLNet), and a batch as those inputs.
 */
public final class PairedBatch {

    /** Positive audio features. */
    public static final String AUDIO = "audio";

    /** Positive video features. */
    public static final String VIDEO = "video";

    /** Text embedding of each positive clip's class. */
    public static final String TEXT = "text";

    /** Negative audio features. */
    public static final String NEG_AUDIO = "neg_audio";

    /** Negative video features. */
    public static final String NEG_VIDEO = "neg_video";

    /** Text embedding of each negative clip's class. */
    public static final String NEG_TEXT = "neg_text";

    private PairedBatch() {}

    /** The batch's six arrays by input name. */
    public static Map<String, float[]> inputs(TrainingBatch batch) {
        Map<String, float[]> m = new LinkedHashMap<>();
        m.put(AUDIO, batch.audio());
        m.put(VIDEO, batch.video());
        m.put(TEXT, batch.text());
        m.put(NEG_AUDIO, batch.negAudio());
        m.put(NEG_VIDEO, batch.negVideo());
        m.put(NEG_TEXT, batch.negText());
        return m;
    }
}
