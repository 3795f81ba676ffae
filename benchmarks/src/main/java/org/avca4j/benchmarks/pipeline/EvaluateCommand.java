package org.avca4j.benchmarks.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.avca4j.benchmarks.cli.BenchmarkOptions;
import org.avca4j.trainer.data.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: the test-split S, U, HM and ZSL of an exported model, through the SDK. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Evaluate an exported model on the test split of its benchmark through the SDK: S, U, HM, ZSL "
                        + "in percent (GZSL with calibrated stacking; beta defaults to the model card's beta*).")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--model",
            required = true,
            paramLabel = "FILE",
            description = "The exported model (.onnx).")
    Path model;

    @Mixin BenchmarkOptions benchmark;

    @Option(
            names = "--beta",
            paramLabel = "B",
            description = "Calibration added to seen classes (default: the card's beta*).")
    Double beta;

    @Option(
            names = "--json",
            description = "Print one JSON object: dataset, S, U, HM, ZSL (percent), beta, clips.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Benchmark b = benchmark.read();
        SdkEvaluation.Result r =
                SdkEvaluation.evaluate(
                        model, b, beta == null ? OptionalDouble.empty() : OptionalDouble.of(beta));
        double[] p = r.percent();
        if (json) {
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("dataset", b.dataset().folder());
            out.put("S", p[0]);
            out.put("U", p[1]);
            out.put("HM", p[2]);
            out.put("ZSL", p[3]);
            out.put("beta", r.figures().beta());
            out.put("clips", r.clips());
            console.println(
                    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }
        console.printf(
                Locale.ROOT,
                "%s %s/%s, text order %s: %d test clips, beta %.2f (%s)%n",
                b.dataset(),
                b.featureSet().folder(),
                b.split(),
                b.textOrder().label(),
                r.clips(),
                r.figures().beta(),
                beta == null ? "the model card's beta*" : "--beta");
        console.print(Tables.figures(8, List.of("test"), List.of(p)));
        console.printf(
                Locale.ROOT,
                "The SDK classifier's own labels equal these predictions for %d of %d clips.%n",
                r.classifierAgreements(),
                r.clips());
        return 0;
    }
}
