package org.avca4j.trainer.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

/**
 * A fake method that scores audio, video and both separately, with scripted distances whose figures
 * are worked out by hand in {@link MethodProtocolTest}, and a state (steps taken, a digest of
 * everything each step received) that makes a resumed run's losses equal an uninterrupted run's
 * only if every step received the same inputs.
 *
 * <p>Clips have audio {@code [label, role]}; a candidate's text embedding is {@code [class, 0]}.
 * Validation (classes 0, 1 seen, 2 unseen): a role-0 clip is at 0 from its class and 10 from the
 * others; the role-10 clip of class 2 is at 1 from class 1 and 1 + g from class 2, where g is 0.1
 * (audio), 0.5 (video) or 0.9 (both) after the epoch {@code reachable_epoch}, and 5 (out of reach
 * of every β) after any other epoch. The test's clips are placed by {@link #testDistance}.
 */
final class TwoModeMethod implements GzslMethod {

    static final int BATCHES = 3;
    static final int EPOCHS = 3;

    private final String id;

    TwoModeMethod() {
        this("twomode");
    }

    TwoModeMethod(String id) {
        this.id = id;
    }

    /** The fake's one setting. */
    record Settings(int reachableEpoch) implements MethodSettings {
        @Override
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reachable_epoch", reachableEpoch);
            return m;
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String displayName() {
        return "TwoMode";
    }

    @Override
    public Settings settings(
            DatasetName dataset, FeatureSet features, Map<String, String> overrides) {
        SettingValues s = SettingValues.of(id, new Settings(1).asMap(), overrides);
        return new Settings(s.integer("reachable_epoch"));
    }

    @Override
    public TrainingConfig.Builder trainingConfig(
            DatasetName dataset, FeatureSet features, TextOrder textOrder) {
        return TrainingConfig.builder()
                .setBatchSize(4)
                .optEpochs(EPOCHS)
                .optBatchesPerEpoch(BATCHES)
                .optWeightDecay(0)
                .optTextOrder(textOrder);
    }

    @Override
    public TestBetaRule testBetaRule(MethodSettings settings) {
        return TestBetaRule.MEAN_OF_THREE;
    }

    @Override
    public MethodNetwork create(MethodContext context, MethodSettings settings) {
        return new Network(((Settings) settings).reachableEpoch(), context.seed());
    }

    /** The test's clips (test seen 0, 1, 2, unseen 3), the same in every mode. */
    static float testDistance(int label, int role, int candidate) {
        return switch (role) {
            case 20 -> candidate == 0 ? 0.5f : candidate == 3 ? 1.2f : 10;
            case 21 -> candidate == 1 ? 1 : candidate == 3 ? 1.55f : 10;
            case 22 -> candidate == 1 ? 1 : candidate == 3 ? 1.75f : 10;
            default -> candidate == label ? 0 : 10;
        };
    }

    private static float validationDistance(
            int label, int role, int candidate, EvalMode mode, boolean reachable) {
        if (role != 10) {
            return candidate == label ? 0 : 10;
        }
        float g =
                !reachable
                        ? 5
                        : switch (mode) {
                            case AUDIO -> 0.1f;
                            case VIDEO -> 0.5f;
                            case BOTH -> 0.9f;
                        };
        return candidate == 1 ? 1 : candidate == 2 ? 1 + g : 10;
    }

    /** The fake network. */
    static final class Network implements MethodNetwork {
        private final int reachableEpoch;
        private long steps;
        private long digest;

        Network(int reachableEpoch, long seed) {
            this.reachableEpoch = reachableEpoch;
            this.digest = seed;
        }

        @Override
        public LossTerms step(TrainingBatch batch, double learningRate, long stepSeed) {
            long h = digest;
            for (float[] a :
                    new float[][] {
                        batch.audio(),
                        batch.video(),
                        batch.text(),
                        batch.negAudio(),
                        batch.negText()
                    }) {
                h = h * 1_000_003L + Arrays.hashCode(a);
            }
            h = h * 1_000_003L + Arrays.hashCode(batch.labels());
            h = h * 1_000_003L + Arrays.hashCode(batch.negLabels());
            h = h * 1_000_003L + Double.doubleToLongBits(learningRate);
            digest = h * 1_000_003L + stepSeed;
            steps++;
            double t = 1.0 / (1 + 0.01 * steps) + Math.floorMod(digest, 1000) * 1e-6;
            Map<String, Double> terms = new LinkedHashMap<>();
            terms.put("fit", t);
            terms.put("gap", 0.5 * t);
            return new LossTerms(1.5 * t, terms);
        }

        @Override
        public ModeDistances distances(float[] audio, float[] video, int n, float[] text, int c) {
            int epoch = (int) (steps / BATCHES) - 1;
            Map<EvalMode, float[]> byMode = new EnumMap<>(EvalMode.class);
            for (EvalMode mode : EvalMode.values()) {
                float[] d = new float[n * c];
                for (int i = 0; i < n; i++) {
                    int label = (int) audio[2 * i];
                    int role = (int) audio[2 * i + 1];
                    for (int j = 0; j < c; j++) {
                        int candidate = (int) text[2 * j];
                        d[i * c + j] =
                                role >= 20
                                        ? testDistance(label, role, candidate)
                                        : validationDistance(
                                                label,
                                                role,
                                                candidate,
                                                mode,
                                                epoch == reachableEpoch);
                    }
                }
                byMode.put(mode, d);
            }
            return ModeDistances.of(byMode, n, c);
        }

        @Override
        public void save(Path file) throws IOException {
            AtomicFiles.write(
                    file,
                    tmp -> {
                        try (DataOutputStream out =
                                new DataOutputStream(Files.newOutputStream(tmp))) {
                            out.writeLong(steps);
                            out.writeLong(digest);
                        }
                    });
        }

        @Override
        public void load(Path file) throws IOException {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
                steps = in.readLong();
                digest = in.readLong();
            }
        }

        @Override
        public void close() {}
    }
}
