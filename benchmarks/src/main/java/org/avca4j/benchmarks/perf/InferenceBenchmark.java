package org.avca4j.benchmarks.perf;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.avca4j.sdk.ModelFormatException;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.sdk.OutputPruner;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.sdk.card.Precision;

/**
 * Times classification through the SDK on an exported model, and a bare {@link OrtSession#run} on
 * the same model and inputs, to give latency percentiles, throughput and the SDK's overhead.
 *
 * <p>SDK and bare calls alternate in blocks (of 50 clips, at least one call), so that load from
 * other processes falls on both alike. The bare call does the least a user must: copy the inputs
 * into direct buffers it keeps (so that ONNX Runtime reads them in place), wrap them in tensors,
 * run for θv, copy it out. It runs the graph the SDK runs, pruned to θv and θw ({@link
 * OutputPruner}), so that the overhead is the SDK's own work. It gets the SDK's session settings:
 * for a batch the SDK runs on its single-thread session ({@link
 * ZeroShotClassifier#DEFAULT_SINGLE_THREAD_BATCH} clips or fewer), one intra-op thread.
 */
public final class InferenceBenchmark {

    /**
     * Measured figures.
     *
     * @param precision the model's, from its card
     * @param batch clips per call
     * @param msP50 median milliseconds per SDK call
     * @param msP90 90th percentile
     * @param msP99 99th percentile
     * @param clipsPerSecond batch / mean seconds per SDK call
     * @param bareMsP50 median milliseconds per bare ONNX Runtime call
     * @param sdkOverheadPct (msP50 − bareMsP50) / bareMsP50 · 100
     * @param pairedOverheadPct the median of the differences between each SDK call and its bare
     *     counterpart of the same block, over bareMsP50 · 100: load that changes between blocks
     *     falls on both calls of a pair, so this varies less on a shared machine
     * @param callers threads calling the one shared classifier at once in the concurrent run
     * @param concurrentClipsPerSecond clips per second of all callers together (equal to {@code
     *     clipsPerSecond} for one caller)
     */
    public record Result(
            Precision precision,
            int batch,
            double msP50,
            double msP90,
            double msP99,
            double clipsPerSecond,
            double bareMsP50,
            double sdkOverheadPct,
            double pairedOverheadPct,
            int callers,
            double concurrentClipsPerSecond) {}

    /**
     * Clips per SDK/bare block: blocks of small calls keep caches warm, large calls alternate one
     * by one.
     */
    private static final int CLIPS_PER_BLOCK = 50;

    private final Path model;
    private final int intraOpThreads;
    private final boolean spinning;

    /**
     * @param model an exported AVCA model
     * @param intraOpThreads ONNX Runtime intra-op threads for both the SDK and the bare session (0:
     *     its default) at batches above the SDK's single-thread batch
     * @param spinning whether ONNX Runtime's idle pool threads spin, for both sessions
     */
    public InferenceBenchmark(Path model, int intraOpThreads, boolean spinning) {
        this.model = model;
        this.intraOpThreads = intraOpThreads;
        this.spinning = spinning;
    }

    /**
     * Runs the measurement.
     *
     * @param batch clips per call (1: {@code classify}, more: {@code classifyBatch})
     * @param warmup untimed calls of each kind first
     * @param iterations timed calls of each kind
     * @param callers threads for the concurrent run (1: none), each making {@code iterations} calls
     *     on the one classifier
     * @return the figures
     * @throws IOException if the model cannot be loaded
     * @throws IllegalArgumentException if batch or iterations are below 1
     * @throws IllegalStateException if ONNX Runtime fails in the bare session
     */
    public Result run(int batch, int warmup, int iterations, int callers) throws IOException {
        if (batch < 1 || iterations < 1 || warmup < 0 || callers < 1) {
            throw new IllegalArgumentException(
                    "batch, iterations and callers must be >= 1 and warmup >= 0");
        }
        try (ZeroShotClassifier sdk =
                        ZeroShotClassifier.builder()
                                .setModel(model)
                                .optIntraOpThreads(intraOpThreads)
                                .optThreadSpinning(spinning)
                                .build();
                Bare bare =
                        new Bare(
                                model,
                                batch <= ZeroShotClassifier.DEFAULT_SINGLE_THREAD_BATCH
                                        ? 1
                                        : intraOpThreads,
                                spinning,
                                sdk.card().textDim())) {
            int da = sdk.card().audioDim();
            int dv = sdk.card().videoDim();
            Random random = new Random(7);
            float[][] audio = rows(random, batch, da);
            float[][] video = rows(random, batch, dv);
            float[] audioFlat = flat(audio);
            float[] videoFlat = flat(video);
            Runnable sdkCall =
                    batch == 1
                            ? () -> sdk.classify(audio[0], video[0])
                            : () -> sdk.classifyBatch(audio, video);
            Runnable bareCall = () -> bare.run(audioFlat, videoFlat, batch, da, dv);
            for (int i = 0; i < warmup; i++) {
                sdkCall.run();
                bareCall.run();
            }
            long[] sdkNs = new long[iterations];
            long[] bareNs = new long[iterations];
            int block = Math.max(1, CLIPS_PER_BLOCK / batch);
            for (int done = 0; done < iterations; done += block) {
                int end = Math.min(iterations, done + block);
                time(sdkCall, sdkNs, done, end);
                time(bareCall, bareNs, done, end);
            }
            double mean = Arrays.stream(sdkNs).average().orElseThrow() / 1e6;
            long[] pairedNs = new long[iterations];
            for (int i = 0; i < iterations; i++) {
                pairedNs[i] = sdkNs[i] - bareNs[i];
            }
            Arrays.sort(pairedNs);
            Arrays.sort(sdkNs);
            Arrays.sort(bareNs);
            double p50 = percentile(sdkNs, 0.50);
            double bareP50 = percentile(bareNs, 0.50);
            double single = batch / (mean / 1e3);
            double concurrent =
                    callers == 1 ? single : concurrent(sdkCall, callers, iterations, batch);
            return new Result(
                    sdk.card().precision(),
                    batch,
                    p50,
                    percentile(sdkNs, 0.90),
                    percentile(sdkNs, 0.99),
                    single,
                    bareP50,
                    (p50 - bareP50) / bareP50 * 100,
                    percentile(pairedNs, 0.50) / bareP50 * 100,
                    callers,
                    concurrent);
        }
    }

    /**
     * Clips per second when {@code callers} threads share the classifier, each making {@code
     * iterations} calls after a common start.
     */
    private static double concurrent(Runnable call, int callers, int iterations, int batch) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int i = 0; i < iterations; i++) {
                                        call.run();
                                    }
                                    return null;
                                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return (double) callers * iterations * batch / seconds;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "a concurrent caller failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void time(Runnable call, long[] ns, int from, int to) {
        for (int i = from; i < to; i++) {
            long t0 = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - t0;
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sortedNs, double q) {
        int rank = (int) Math.ceil(q * sortedNs.length);
        return sortedNs[Math.max(0, Math.min(sortedNs.length - 1, rank - 1))] / 1e6;
    }

    private static float[][] rows(Random random, int n, int width) {
        float[][] rows = new float[n][width];
        for (float[] row : rows) {
            for (int j = 0; j < width; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    private static float[] flat(float[][] rows) {
        int w = rows[0].length;
        float[] out = new float[rows.length * w];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * w, w);
        }
        return out;
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(floats * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
    }

    /** A plain ONNX Runtime session on the same model: the baseline. */
    private static final class Bare implements AutoCloseable {
        private final OrtEnvironment env = OrtEnvironment.getEnvironment();
        private final OrtSession session;
        private final int textDim;
        private final FloatBuffer noText = direct(0);

        /** The direct input buffers, made at the first call and refilled by each. */
        private FloatBuffer audioBuffer;

        private FloatBuffer videoBuffer;

        Bare(Path model, int intraOpThreads, boolean spinning, int textDim) throws IOException {
            this.textDim = textDim;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                if (intraOpThreads > 0) {
                    options.setIntraOpNumThreads(intraOpThreads);
                }
                // the SDK's thread settings, so that the difference is the SDK's own work
                String spin = spinning ? "1" : "0";
                options.addConfigEntry("session.intra_op.allow_spinning", spin);
                options.addConfigEntry("session.inter_op.allow_spinning", spin);
                // the graph the SDK runs for θv: ONNX Runtime would otherwise compute θa too
                byte[] pruned =
                        OutputPruner.keepOutputs(
                                Files.readAllBytes(model),
                                Set.of(ModelSignature.THETA_V, ModelSignature.THETA_W));
                session = env.createSession(pruned, options);
            } catch (OrtException | ModelFormatException e) {
                throw new IOException(
                        "ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
            }
        }

        float[] run(float[] audio, float[] video, int n, int da, int dv) {
            if (audioBuffer == null) {
                audioBuffer = direct(audio.length);
                videoBuffer = direct(video.length);
            }
            // A heap array would be copied by ONNX Runtime's Java API into a fresh direct buffer
            // on every call; a careful user copies into a buffer of their own, as the SDK does.
            audioBuffer.clear().put(audio).flip();
            videoBuffer.clear().put(video).flip();
            try (OnnxTensor a = OnnxTensor.createTensor(env, audioBuffer, new long[] {n, da});
                    OnnxTensor v = OnnxTensor.createTensor(env, videoBuffer, new long[] {n, dv});
                    OnnxTensor t =
                            OnnxTensor.createTensor(
                                    env, noText.duplicate(), new long[] {0, textDim});
                    OrtSession.Result r =
                            session.run(
                                    Map.of(
                                            ModelSignature.AUDIO,
                                            a,
                                            ModelSignature.VIDEO,
                                            v,
                                            ModelSignature.TEXT,
                                            t),
                                    Set.of(ModelSignature.THETA_V))) {
                // getFloatBuffer is already a copy on the heap: a careful user takes its array,
                // as the SDK does, instead of copying it again
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                if (out.hasArray() && out.arrayOffset() == 0 && out.array().length == out.limit()) {
                    return out.array();
                }
                float[] theta = new float[out.remaining()];
                out.get(theta);
                return theta;
            } catch (OrtException e) {
                throw new IllegalStateException(
                        "bare ONNX Runtime run failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
