package org.avca4j.trainer.method;

import java.util.SplittableRandom;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.testing.TinyInputs;

/**
 * A tiny paired-clip stage context (widths 5/4/6, training classes 1, 3 and 4) and seeded batches
 * of it.
 */
public final class PairedInputs {

    public static final int AUDIO = 5;
    public static final int VIDEO = 4;
    public static final int TEXT = 6;
    public static final int[] CLASSES = {1, 3, 4};

    private PairedInputs() {}

    /** The context with unit-norm random class embeddings ({@link TinyInputs#randomContext}). */
    public static MethodContext context(long seed) {
        return TinyInputs.randomContext(AUDIO, VIDEO, TEXT, CLASSES, seed);
    }

    /** A batch of {@code n} clips whose class embeddings are the context's. */
    public static TrainingBatch batch(MethodContext c, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] labels = new int[n];
        int[] neg = new int[n];
        float[] text = new float[n * TEXT];
        float[] negText = new float[n * TEXT];
        for (int i = 0; i < n; i++) {
            int y = r.nextInt(CLASSES.length);
            int yn = (y + 1 + r.nextInt(CLASSES.length - 1)) % CLASSES.length;
            labels[i] = CLASSES[y];
            neg[i] = CLASSES[yn];
            System.arraycopy(c.trainClassText(), y * TEXT, text, i * TEXT, TEXT);
            System.arraycopy(c.trainClassText(), yn * TEXT, negText, i * TEXT, TEXT);
        }
        return new TrainingBatch(
                n,
                ReferenceMath.gaussian(r, n * AUDIO),
                ReferenceMath.gaussian(r, n * VIDEO),
                text,
                ReferenceMath.gaussian(r, n * AUDIO),
                ReferenceMath.gaussian(r, n * VIDEO),
                negText,
                labels,
                neg);
    }
}
