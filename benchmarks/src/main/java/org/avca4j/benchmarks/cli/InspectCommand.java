package org.avca4j.benchmarks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code inspect}: reads a benchmark and prints what each clip set of the protocol holds. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Read a benchmark and print, per clip set, its clips, seen and unseen classes and feature widths.")
public final class InspectCommand implements Callable<Integer> {

    @Mixin BenchmarkOptions benchmark;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Benchmark b = benchmark.read();
        Map<String, ClipSet> sets = new LinkedHashMap<>();
        for (ClipSet s : List.of(b.stage1Train(), b.stage1Val(), b.stage2Train(), b.test())) {
            sets.put(s.name(), s);
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", b.dataset().folder());
            out.put("features", b.featureSet().folder());
            out.put("split", b.split().folder());
            out.put("text_order", b.textOrder().label());
            out.put("classes", b.classCount());
            Map<String, Object> jsonSets = new LinkedHashMap<>();
            sets.forEach(
                    (name, s) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("clips", s.size());
                        m.put("seen_classes", s.seenClasses().length);
                        m.put("unseen_classes", s.unseenClasses().length);
                        m.put("audio_dim", s.audioDim());
                        m.put("video_dim", s.videoDim());
                        jsonSets.put(name, m);
                    });
            out.put("sets", jsonSets);
            out.put("warnings", b.warnings());
            System.out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(out));
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%s  %s  %s  text order %s  %d classes%n",
                b.dataset(),
                b.featureSet().folder(),
                b.split(),
                b.textOrder().label(),
                b.classCount());
        System.out.printf(
                Locale.ROOT,
                "%-14s %8s %6s %8s %9s %9s%n",
                "set",
                "clips",
                "seen",
                "unseen",
                "audio_dim",
                "video_dim");
        sets.forEach(
                (name, s) ->
                        System.out.printf(
                                Locale.ROOT,
                                "%-14s %8d %6d %8d %9d %9d%n",
                                name,
                                s.size(),
                                s.seenClasses().length,
                                s.unseenClasses().length,
                                s.audioDim(),
                                s.videoDim()));
        if (b.warnings().isEmpty()) {
            System.out.println("warnings: none");
        } else {
            b.warnings().forEach(w -> System.out.println("warning: " + w));
        }
        return 0;
    }
}
