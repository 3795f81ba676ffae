package org.avca4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.avca4j.sdk.ClassificationMode;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;

/** The oracle: the same clips classified by the SDK directly, one call per clip, in this JVM. */
final class DirectSdk {

    private DirectSdk() {}

    /** A classifier configured like the Spark one, without this module's code. */
    static ZeroShotClassifier open(
            byte[] model,
            ClassificationMode mode,
            Double beta,
            int topK,
            List<AddedClass> added,
            List<String> candidates)
            throws IOException {
        ZeroShotClassifier.Builder b =
                ZeroShotClassifier.builder().setModel(model).optMode(mode).optTopK(topK);
        if (beta != null) {
            b.optBeta(beta);
        }
        ZeroShotClassifier c = b.build();
        for (AddedClass a : added) {
            c.addClass(a.name(), a.embedding());
        }
        if (!candidates.isEmpty()) {
            c.setCandidates(candidates);
        }
        return c;
    }

    /**
     * Asserts that every prediction row equals {@code classify(audio, video)} of its clip, top-k
     * included; distances to 1e-5 (the batch size may change ONNX Runtime's summation order).
     */
    static void assertSameAsDirect(
            List<Row> predictions, ZeroShotClassifier direct, Map<String, float[][]> clips) {
        assertEquals(clips.size(), predictions.size(), "one prediction per clip");
        Map<String, Row> byId = new HashMap<>();
        for (Row r : predictions) {
            assertEquals(null, byId.put(r.getString(0), r), "duplicate clip " + r.getString(0));
        }
        for (Map.Entry<String, float[][]> e : clips.entrySet()) {
            Row r = byId.get(e.getKey());
            Prediction p = direct.classify(e.getValue()[0], e.getValue()[1]);
            String at = "clip " + e.getKey();
            assertEquals(p.label(), r.getString(1), at);
            assertEquals(p.role().name(), r.getString(2), at);
            assertEquals(p.distance(), r.getDouble(3), 1e-5, at);
            assertEquals(p.calibratedDistance(), r.getDouble(4), 1e-5, at);
            List<Row> top = r.getList(5);
            assertEquals(p.topK().size(), top.size(), at);
            for (int k = 0; k < top.size(); k++) {
                assertEquals(p.topK().get(k).label(), top.get(k).getString(0), at + " top " + k);
                assertEquals(p.topK().get(k).role().name(), top.get(k).getString(1), at);
                assertEquals(p.topK().get(k).distance(), top.get(k).getDouble(2), 1e-5, at);
                assertEquals(
                        p.topK().get(k).calibratedDistance(), top.get(k).getDouble(3), 1e-5, at);
            }
        }
    }
}
