package org.avca4j.benchmarks.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.avca4j.sdk.ClassRole;
import org.avca4j.sdk.ModelCard;
import org.avca4j.trainer.export.AvcaOnnxExporter;
import org.avca4j.trainer.model.AvcaConfig;
import org.avca4j.trainer.model.AvcaWeights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

/** {@code infer}: latency, throughput and SDK overhead of classification on an exported model. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Times classification through the SDK (and a bare ONNX Runtime session) on an exported model.")
public final class PerfInferCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "1", description = "Clips per call (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--iterations", defaultValue = "2000", description = "Timed calls (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", defaultValue = "200", description = "Untimed calls first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "0",
            description = "ONNX Runtime intra-op threads; 0 lets it choose (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--model", paramLabel = "FILE",
            description = "An exported model; without it a random-weight model of the published shapes (512/512) is used.")
    Path model;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path file = model;
        Path temp = null;
        if (file == null) {
            temp = Files.createTempFile("avca4j-perf", ".onnx");
            new AvcaOnnxExporter().export(randomModel(AvcaConfig.defaults(512, 512)), randomCard(51), temp);
            file = temp;
        }
        try {
            InferenceBenchmark.Result r = new InferenceBenchmark(file, threads).run(batch, warmup, iterations);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("batch", r.batch());
                m.put("ms_p50", r.msP50());
                m.put("ms_p90", r.msP90());
                m.put("ms_p99", r.msP99());
                m.put("clips_per_s", r.clipsPerSecond());
                m.put("sdk_overhead_pct", r.sdkOverheadPct());
                out.println(new ObjectMapper().writeValueAsString(m));
            } else {
                out.printf("batch %d, %d calls: p50 %.4f ms, p90 %.4f ms, p99 %.4f ms, %.0f clips/s; "
                                + "bare ONNX Runtime p50 %.4f ms, SDK overhead %.1f %%%n", r.batch(), iterations, r.msP50(),
                        r.msP90(), r.msP99(), r.clipsPerSecond(), r.bareMsP50(), r.sdkOverheadPct());
            }
            out.flush();
            return 0;
        } finally {
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /** Random weights named and shaped as {@link AvcaWeights} documents (PyTorch-like initialisation). */
    static AvcaWeights randomModel(AvcaConfig cfg) {
        Random random = new Random(42);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        RandomParams p = new RandomParams(random, values, shapes);
        p.block("A_enc", cfg.audioDim(), cfg.encoderHidden(), cfg.textDim());
        p.block("V_enc", cfg.videoDim(), cfg.encoderHidden(), cfg.textDim());
        p.block("A_proj", cfg.textDim(), cfg.projHidden(), cfg.outDim());
        p.block("V_proj", cfg.textDim(), cfg.projHidden(), cfg.outDim());
        p.block("W_proj", cfg.textDim(), 0, cfg.outDim());
        int d = cfg.textDim();
        p.put("pos", p.uniform(2 * d, 1), 2, d);
        p.ones("attn.ln1.gamma", d);
        p.put("attn.ln1.beta", new float[d], d);
        p.put("attn.qkv.W", p.uniform(d * 3 * d, 1 / Math.sqrt(d)), d, 3 * d);
        p.linear("attn.out", d, d);
        p.ones("attn.ln2.gamma", d);
        p.put("attn.ln2.beta", new float[d], d);
        p.linear("attn.ff1", d, cfg.mlpDim());
        p.linear("attn.ff2", cfg.mlpDim(), d);
        return new AvcaWeights(cfg, values, shapes);
    }

    private static ModelCard randomCard(int classes) {
        Random random = new Random(43);
        ModelCard.Builder b = ModelCard.builder().setDataset("random", "main_features", "main_split");
        for (int i = 0; i < classes; i++) {
            float[] e = new float[300];
            double sq = 0;
            for (int j = 0; j < e.length; j++) {
                e[j] = (float) random.nextGaussian();
                sq += e[j] * e[j];
            }
            for (int j = 0; j < e.length; j++) {
                e[j] /= (float) Math.sqrt(sq);
            }
            b.addClass("class_" + i, i, i % 3 == 0 ? ClassRole.UNSEEN : ClassRole.SEEN, e);
        }
        ObjectNode training = new ObjectMapper().createObjectNode().put("note", "random weights for timing");
        return b.setDims(512, 512, 300, 64).setBeta(0.4).optTraining(training).build();
    }

    private record RandomParams(Random random, Map<String, float[]> values, Map<String, long[]> shapes) {
        void block(String name, int in, int hidden, int out) {
            int last = hidden > 0 ? hidden : out;
            linear(name + ".fc1", in, last);
            batchNorm(name + ".bn1", last);
            if (hidden > 0) {
                linear(name + ".fc2", hidden, out);
                batchNorm(name + ".bn2", out);
            }
        }

        void linear(String name, int in, int out) {
            put(name + ".W", uniform(in * out, 1 / Math.sqrt(in)), in, out);
            put(name + ".b", uniform(out, 1 / Math.sqrt(in)), out);
        }

        void batchNorm(String name, int n) {
            ones(name + ".gamma", n);
            put(name + ".beta", new float[n], n);
            put(name + ".mean", new float[n], n);
            ones(name + ".var", n);
        }

        void ones(String name, int n) {
            float[] v = new float[n];
            java.util.Arrays.fill(v, 1f);
            put(name, v, n);
        }

        float[] uniform(int n, double bound) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) ((2 * random.nextDouble() - 1) * bound);
            }
            return v;
        }

        void put(String name, float[] v, long... shape) {
            values.put(name, v);
            shapes.put(name, shape);
        }
    }
}
