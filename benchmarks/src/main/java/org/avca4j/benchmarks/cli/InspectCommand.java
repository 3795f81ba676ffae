package org.avca4j.benchmarks.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.sdk.card.TextOrder;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.ClipSet;
import org.avca4j.trainer.data.DataLayout;
import org.avca4j.trainer.data.sequence.SequenceBenchmark;
import org.avca4j.trainer.data.sequence.SequenceClipSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code inspect}: reads a benchmark (any layout) and prints what each clip set of the protocol
 * holds; for the TCaF layout also the shortest and longest sequence of each modality.
 */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Read a benchmark and print, per clip set, its clips, seen and unseen classes and feature widths.")
public final class InspectCommand implements Callable<Integer> {

    @Mixin BenchmarkOptions benchmark;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    /** What is printed of one clip set; rows are min/max sequence lengths, or null for vectors. */
    private record SetSummary(
            String name,
            int clips,
            int seen,
            int unseen,
            int audioDim,
            int videoDim,
            int[] audioRows,
            int[] videoRows) {}

    @Override
    public Integer call() throws Exception {
        DataLayout layout = benchmark.layout();
        List<SetSummary> sets = new ArrayList<>();
        DatasetName dataset;
        FeatureSet features;
        SplitName split;
        TextOrder order;
        int classes;
        List<String> warnings;
        if (layout == DataLayout.TCAF) {
            SequenceBenchmark b = benchmark.readSequences();
            for (SequenceClipSet s :
                    List.of(b.stage1Train(), b.stage1Val(), b.stage2Train(), b.test())) {
                sets.add(
                        new SetSummary(
                                s.name(),
                                s.size(),
                                s.seenClasses().length,
                                s.unseenClasses().length,
                                s.audioDim(),
                                s.videoDim(),
                                range(s.audio()),
                                range(s.video())));
            }
            dataset = b.dataset();
            features = b.featureSet();
            split = b.split();
            order = b.textOrder();
            classes = b.classCount();
            warnings = b.warnings();
        } else {
            Benchmark b = benchmark.read();
            for (ClipSet s : List.of(b.stage1Train(), b.stage1Val(), b.stage2Train(), b.test())) {
                sets.add(
                        new SetSummary(
                                s.name(),
                                s.size(),
                                s.seenClasses().length,
                                s.unseenClasses().length,
                                s.audioDim(),
                                s.videoDim(),
                                null,
                                null));
            }
            dataset = b.dataset();
            features = b.featureSet();
            split = b.split();
            order = b.textOrder();
            classes = b.classCount();
            warnings = b.warnings();
        }
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dataset", dataset.folder());
            out.put("layout", layout.label());
            out.put("features", features.folder());
            out.put("split", split.folder());
            out.put("text_order", order.label());
            out.put("classes", classes);
            Map<String, Object> jsonSets = new LinkedHashMap<>();
            for (SetSummary s : sets) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("clips", s.clips());
                m.put("seen_classes", s.seen());
                m.put("unseen_classes", s.unseen());
                m.put("audio_dim", s.audioDim());
                m.put("video_dim", s.videoDim());
                if (s.audioRows() != null) {
                    m.put("audio_rows_min_max", s.audioRows());
                    m.put("video_rows_min_max", s.videoRows());
                }
                jsonSets.put(s.name(), m);
            }
            out.put("sets", jsonSets);
            out.put("warnings", warnings);
            System.out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(out));
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "%s  %s  %s  layout %s  text order %s  %d classes%n",
                dataset,
                features.folder(),
                split,
                layout.label(),
                order.label(),
                classes);
        System.out.printf(
                Locale.ROOT,
                "%-14s %8s %6s %8s %9s %9s%s%n",
                "set",
                "clips",
                "seen",
                "unseen",
                "audio_dim",
                "video_dim",
                layout == DataLayout.TCAF ? "  audio_rows  video_rows" : "");
        for (SetSummary s : sets) {
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %8d %6d %8d %9d %9d%s%n",
                    s.name(),
                    s.clips(),
                    s.seen(),
                    s.unseen(),
                    s.audioDim(),
                    s.videoDim(),
                    s.audioRows() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    "  %10s  %10s",
                                    s.audioRows()[0] + "-" + s.audioRows()[1],
                                    s.videoRows()[0] + "-" + s.videoRows()[1]));
        }
        if (warnings.isEmpty()) {
            System.out.println("warnings: none");
        } else {
            warnings.forEach(w -> System.out.println("warning: " + w));
        }
        return 0;
    }

    private static int[] range(float[][][] clips) {
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (float[][] c : clips) {
            min = Math.min(min, c.length);
            max = Math.max(max, c.length);
        }
        return new int[] {clips.length == 0 ? 0 : min, max};
    }
}
