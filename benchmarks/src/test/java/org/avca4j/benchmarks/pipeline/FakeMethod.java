package org.avca4j.benchmarks.pipeline;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.ModeDistances;
import org.avca4j.trainer.method.SettingValues;
import org.avca4j.trainer.method.TestBetaRule;
import org.avca4j.trainer.model.TrainingBatch;
import org.avca4j.trainer.training.TrainingConfig;

/**
 * A method that learns nothing, for the pipeline's plumbing: it scores audio, video and both
 * separately (|a₀ − w₀|, |v₀ − w₁| and their sum, scaled by its setting {@code scale}) and is
 * tested at the mean of the three βs; its state is the count of steps.
 */
public final class FakeMethod implements GzslMethod {

    record Settings(double scale) implements MethodSettings {
        @Override
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scale", scale);
            return m;
        }
    }

    @Override
    public String id() {
        return "fake";
    }

    @Override
    public String displayName() {
        return "Fake";
    }

    @Override
    public Settings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        return new Settings(
                SettingValues.of("fake", new Settings(1.0).asMap(), overrides).number("scale"));
    }

    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return TrainingConfig.builder().setBatchSize(8).optWeightDecay(0).optTextOrder(textOrder);
    }

    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.MEAN_OF_THREE;
    }

    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return new Network(context.audioDim(), context.videoDim(), ((Settings) settings).scale());
    }

    private static final class Network implements MethodNetwork {
        private final int audioDim;
        private final int videoDim;
        private final double scale;
        private long steps;

        Network(int audioDim, int videoDim, double scale) {
            this.audioDim = audioDim;
            this.videoDim = videoDim;
            this.scale = scale;
        }

        @Override
        public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
            steps++;
            return new LossTerms(1.0 / steps, Map.of("only", 1.0 / steps));
        }

        @Override
        public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
            int textDim = text.length / c;
            float[] a = new float[n * c];
            float[] v = new float[n * c];
            float[] both = new float[n * c];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    a[i * c + j] =
                            (float) (scale * Math.abs(audio[i * audioDim] - text[j * textDim]));
                    v[i * c + j] =
                            (float) (scale * Math.abs(video[i * videoDim] - text[j * textDim + 1]));
                    both[i * c + j] = a[i * c + j] + v[i * c + j];
                }
            }
            Map<EvalMode, float[]> m = new EnumMap<>(EvalMode.class);
            m.put(EvalMode.AUDIO, a);
            m.put(EvalMode.VIDEO, v);
            m.put(EvalMode.BOTH, both);
            return ModeDistances.of(m, n, c);
        }

        @Override
        public void save(Path file) throws IOException {
            AtomicFiles.write(
                    file,
                    tmp -> {
                        try (DataOutputStream out =
                                new DataOutputStream(Files.newOutputStream(tmp))) {
                            out.writeLong(steps);
                        }
                    });
        }

        @Override
        public void load(Path file) throws IOException {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                steps = in.readLong();
            }
        }

        @Override
        public void close() {}
    }
}
