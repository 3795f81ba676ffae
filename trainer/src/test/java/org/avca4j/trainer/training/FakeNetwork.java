package org.avca4j.trainer.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaNetwork;
import org.avca4j.trainer.model.AvcaWeights;
import org.avca4j.trainer.model.StepLosses;
import org.avca4j.trainer.model.TrainingBatch;

/**
 * A deterministic stand-in for the SameDiff network whose embeddings a test scripts.
 *
 * <p>Its state is the number of steps taken, a digest of everything each step received (batch,
 * learning rate, step seed) and the classes it has trained on. θw of a class embedding {@code [c,
 * …]} is {@code (10c, 0, …)}; θv of a clip is placed by the test's {@link Script}, given the index
 * of the last completed epoch. The losses are a function of the digest, so two runs report the same
 * losses only if every step received the same inputs.
 */
final class FakeNetwork implements AvcaNetwork {

    /** Places a clip's θv. */
    @FunctionalInterface
    interface Script {
        /**
         * @param epoch index of the last completed epoch (-1 before training)
         * @param audio the clip's audio features
         * @param trained classes the network has trained on
         * @return the clip's θv
         */
        float[] embed(int epoch, float[] audio, Set<Integer> trained);
    }

    private final AvcaConfig config;
    private final int batchesPerEpoch;
    private final Script script;
    private long steps;
    private long digest;
    private final TreeSet<Integer> trained = new TreeSet<>();
    private boolean closed;

    FakeNetwork(AvcaConfig config, long seed, int batchesPerEpoch, Script script) {
        this.config = config;
        this.batchesPerEpoch = batchesPerEpoch;
        this.script = script;
        this.digest = seed;
    }

    /**
     * An architecture small enough for the fake: audio {@code [label, role]}, video 1, text and θ
     * of width 2.
     */
    static AvcaConfig smallConfig() {
        return new AvcaConfig(2, 1, 2, 1, 1, 2, 1, 2, 1, 0.0, 0.0, 0.0, 0.1);
    }

    @Override
    public AvcaConfig config() {
        return config;
    }

    @Override
    public StepLosses step(TrainingBatch batch, double learningRate, long stepSeed) {
        check();
        long h = digest;
        for (float[] a :
                new float[][] {
                    batch.audio(),
                    batch.video(),
                    batch.text(),
                    batch.negAudio(),
                    batch.negVideo(),
                    batch.negText()
                }) {
            h = h * 1_000_003L + Arrays.hashCode(a);
        }
        h = h * 1_000_003L + Double.doubleToLongBits(learningRate);
        h = h * 1_000_003L + stepSeed;
        digest = h;
        steps++;
        for (int i = 0; i < batch.size(); i++) {
            trained.add((int) batch.text()[i * config.textDim()]);
        }
        double t = 1.0 / (1 + 0.01 * steps) + (Math.floorMod(digest, 1000)) * 1e-6;
        return new StepLosses(t, 0.1 * t, 0.2 * t, 0.3 * t, 0.2 * t, 0.2 * t);
    }

    @Override
    public float[] embedVideo(float[] audio, float[] video, int n) {
        check();
        int epoch = (int) (steps / batchesPerEpoch) - 1;
        float[] out = new float[n * config.outDim()];
        for (int i = 0; i < n; i++) {
            float[] row =
                    Arrays.copyOfRange(audio, i * config.audioDim(), (i + 1) * config.audioDim());
            System.arraycopy(
                    script.embed(epoch, row, trained),
                    0,
                    out,
                    i * config.outDim(),
                    config.outDim());
        }
        return out;
    }

    @Override
    public float[] embedAudio(float[] audio, float[] video, int n) {
        return embedVideo(audio, video, n);
    }

    @Override
    public float[] embedText(float[] text, int c) {
        check();
        float[] out = new float[c * config.outDim()];
        for (int i = 0; i < c; i++) {
            out[i * config.outDim()] = 10 * text[i * config.textDim()];
        }
        return out;
    }

    @Override
    public AvcaWeights weights() {
        throw new UnsupportedOperationException("the fake network has no weights");
    }

    @Override
    public void save(Path file) throws IOException {
        check();
        // AvcaNetwork.save is atomic by contract; the fake keeps it too.
        AtomicFiles.write(
                file,
                tmp -> {
                    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tmp))) {
                        out.writeLong(steps);
                        out.writeLong(digest);
                        out.writeInt(trained.size());
                        for (int c : trained) {
                            out.writeInt(c);
                        }
                    }
                });
    }

    @Override
    public void load(Path file) throws IOException {
        check();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            steps = in.readLong();
            digest = in.readLong();
            trained.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                trained.add(in.readInt());
            }
        }
    }

    long steps() {
        return steps;
    }

    long digest() {
        return digest;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
