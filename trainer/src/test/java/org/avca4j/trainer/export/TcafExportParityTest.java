package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.data.sequence.SequenceBatch;
import org.avca4j.trainer.data.sequence.SequenceCollation;
import org.avca4j.trainer.method.tcaf.TcafForward;
import org.avca4j.trainer.method.tcaf.TcafForwardFixtures;
import org.avca4j.trainer.method.tcaf.TcafWeights;
import org.avca4j.trainer.method.tcaf.TimeCodes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exported TCaF graph, run by ONNX Runtime on clips of mixed lengths padded in one batch, gives
 * the trainer's forward θo and θw to 1e-4 and the same nearest class.
 */
class TcafExportParityTest {

    private static final double TOLERANCE = 1e-4;
    static final int TEXT = 7;
    static final int CLASSES = 5;

    @ParameterizedTest
    @EnumSource(TimeCodes.class)
    void onnxRuntimeMatchesTheForwardOnMixedLengths(TimeCodes codes) throws Exception {
        TcafWeights w = TcafForwardFixtures.smallWeights(codes);
        SplittableRandom r = new SplittableRandom(9);
        int[] la = {3, 1, 6, 2};
        int[] lv = {4, 7, 2, 1};
        float[][][] audio = new float[la.length][][];
        float[][][] video = new float[la.length][][];
        for (int i = 0; i < la.length; i++) {
            audio[i] = TcafForwardFixtures.clip(r, la[i], w.audioDim(), 255);
            video[i] = TcafForwardFixtures.clip(r, lv[i], w.videoDim(), 1);
        }
        SequenceBatch b =
                SequenceCollation.padToLongest(FrameRates.CLS)
                        .collate(
                                audio, video, new int[la.length], w.audioDim(), w.videoDim(), null);
        double[][] text = new double[CLASSES][TEXT];
        float[] flatText = new float[CLASSES * TEXT];
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < TEXT; j++) {
                text[c][j] = r.nextDouble() - 0.5;
                flatText[c * TEXT + j] = (float) text[c][j];
            }
        }
        // the trainer reads float inputs too
        for (int c = 0; c < CLASSES; c++) {
            for (int j = 0; j < TEXT; j++) {
                text[c][j] = flatText[c * TEXT + j];
            }
        }
        TcafForward forward = new TcafForward(w, FrameRates.CLS);
        double[][] thetaO = forward.clipEmbeddings(b);
        double[][] thetaW = forward.textEmbeddings(text);

        byte[] model = new TcafOnnxExporter().toModel(w, FrameRates.CLS, card(w)).toByteArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> in = new HashMap<>();
            int n = b.size();
            in.put(ModelSignature.AUDIO, tensor(env, b.audio(), n, b.audioLength(), w.audioDim()));
            in.put(TcafOnnxExporter.AUDIO_MASK, tensor(env, b.audioMask(), n, b.audioLength()));
            in.put(ModelSignature.VIDEO, tensor(env, b.video(), n, b.videoLength(), w.videoDim()));
            in.put(TcafOnnxExporter.VIDEO_MASK, tensor(env, b.videoMask(), n, b.videoLength()));
            in.put(ModelSignature.TEXT, tensor(env, flatText, CLASSES, TEXT));
            try (OrtSession.Result out = session.run(in)) {
                float[][] onnxO = (float[][]) out.get(ModelSignature.THETA_V).get().getValue();
                float[][] onnxA = (float[][]) out.get(ModelSignature.THETA_A).get().getValue();
                float[][] onnxW = (float[][]) out.get(ModelSignature.THETA_W).get().getValue();
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(thetaO[i], doubles(onnxO[i]), TOLERANCE, "clip " + i);
                    assertArrayEquals(onnxO[i], onnxA[i], 0f);
                }
                for (int c = 0; c < CLASSES; c++) {
                    assertArrayEquals(thetaW[c], doubles(onnxW[c]), TOLERANCE, "class " + c);
                }
                double[][] dTrainer = TcafForward.distances(thetaO, thetaW);
                double[][] dOnnx = TcafForward.distances(toDoubles(onnxO), toDoubles(onnxW));
                for (int i = 0; i < n; i++) {
                    assertEquals(argmin(dTrainer[i]), argmin(dOnnx[i]), "clip " + i);
                }
            } finally {
                in.values().forEach(OnnxTensor::close);
            }
        }
    }

    static ModelCard card(TcafWeights w) {
        ModelCards.Builder b =
                ModelCards.builder()
                        .setDataset(DatasetName.UCF, FeatureSet.CLS, SplitName.CLS)
                        .setDims(w.audioDim(), w.videoDim(), TEXT, 64)
                        .setBeta(0.2)
                        .optTextOrder(TextOrder.OWN)
                        .optSeed(42);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < CLASSES; i++) {
            float[] e = new float[TEXT];
            for (int j = 0; j < TEXT; j++) {
                e[j] = (float) r.nextDouble();
            }
            b.addClass("class_" + i, i, i % 2 == 0 ? ClassRole.SEEN : ClassRole.UNSEEN, e);
        }
        return b.build();
    }

    private static OnnxTensor tensor(OrtEnvironment env, float[] v, long... shape)
            throws Exception {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[][] toDoubles(float[][] f) {
        double[][] d = new double[f.length][];
        for (int i = 0; i < f.length; i++) {
            d[i] = doubles(f[i]);
        }
        return d;
    }

    private static int argmin(double[] d) {
        int best = 0;
        for (int i = 1; i < d.length; i++) {
            if (d[i] < d[best]) {
                best = i;
            }
        }
        return best;
    }
}
