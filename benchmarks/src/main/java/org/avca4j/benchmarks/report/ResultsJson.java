package org.avca4j.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.avca4j.sdk.evaluation.GzslResult;

/**
 * Builds {@code results.json}: one object describing a whole reproduction, for programs to read.
 *
 * <p>Every accuracy is in <b>percent</b>, rounded to 4 decimals; β is rounded to 4 decimals. Keys,
 * top level:
 *
 * <table>
 * <caption>results.json, top level</caption>
 * <tr><th>key</th><th>value</th></tr>
 * <tr><td>format_version</td><td>1</td></tr>
 * <tr><td>text_order</td><td>{@code own} or {@code reference} (docs/protocol.md#text-order)</td></tr>
 * <tr><td>units</td><td>{@code percent}</td></tr>
 * <tr><td>published_note</td><td>where the published figures come from</td></tr>
 * <tr><td>machine</td><td>{@code os}, {@code arch}, {@code cores}, {@code java}</td></tr>
 * <tr><td>versions</td><td>{@code avca4j}, {@code onnxruntime}, {@code nd4j}</td></tr>
 * <tr><td>started, finished</td><td>ISO-8601 instants (UTC)</td></tr>
 * <tr><td>seconds</td><td>wall-clock seconds from started to finished</td></tr>
 * <tr><td>datasets</td><td>one object per method, dataset and feature set, below</td></tr>
 * <tr><td>methods</td><td>only when the reproduction compares methods: their ids, in the
 *     paper's row order</td></tr>
 * <tr><td>methods_note</td><td>with {@code methods}: where the comparison methods' published
 *     figures come from</td></tr>
 * <tr><td>methods_plots</td><td>with {@code methods}: feature set → PNG of HM per method and
 *     dataset</td></tr>
 * </table>
 *
 * <table>
 * <caption>results.json, each element of datasets</caption>
 * <tr><th>key</th><th>value</th></tr>
 * <tr><td>method, test_beta_rule</td><td>only when the reproduction compares methods: the
 *     method's id and {@code BOTH} or {@code MEAN_OF_THREE} (how β was chosen)</td></tr>
 * <tr><td>dataset</td><td>{@code UCF}, {@code ActivityNet} or {@code VGGSound}</td></tr>
 * <tr><td>features</td><td>{@code main} or {@code cls}</td></tr>
 * <tr><td>seeds</td><td>the seeds, ascending</td></tr>
 * <tr><td>hyperparameters</td><td>name → value, shared by all seeds</td></tr>
 * <tr><td>runs</td><td>one object per seed: {@code seed}, test {@code S}, {@code U}, {@code HM},
 *     {@code ZSL}, {@code beta} (β*), {@code best_epoch} (E*, 0-based), {@code seconds},
 *     {@code stage1_val_hm} and {@code stage2_val_hm} (validation HM per epoch),
 *     {@code beta_curve} (objects {@code beta}, {@code S}, {@code U}, {@code HM}: validation at E*)</td></tr>
 * <tr><td>mean</td><td>{@code S}, {@code U}, {@code HM}, {@code ZSL}: mean over the seeds (HM: the
 *     mean of the seeds' HM)</td></tr>
 * <tr><td>std</td><td>the same keys: sample standard deviation (n − 1); 0 for a single seed</td></tr>
 * <tr><td>published</td><td>the same keys: published figures, or null (a figure the paper
 *     does not give is null)</td></tr>
 * <tr><td>difference</td><td>the same keys: mean − published in percentage points, or null</td></tr>
 * <tr><td>plots</td><td>{@code validation_hm}, {@code beta}: PNG file names in the same folder</td></tr>
 * </table>
 */
public final class ResultsJson {

    /** The value of {@code format_version}; raised when a key changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;

    /** The key documentation above as Markdown, for the user documentation. */
    public static final String SCHEMA_MARKDOWN =
            """
            All accuracies are in **percent**, rounded to 4 decimals; β is rounded to 4 decimals.

            | key | value |
            |---|---|
            | `format_version` | `1` |
            | `text_order` | `own` or `reference` (which text embedding each class received) |
            | `units` | `percent` |
            | `published_note` | where the published figures come from |
            | `machine` | `os`, `arch`, `cores`, `java` |
            | `versions` | `avca4j`, `onnxruntime`, `nd4j` |
            | `started`, `finished` | ISO-8601 instants (UTC) |
            | `seconds` | wall-clock seconds from `started` to `finished` |
            | `datasets` | one object per dataset and feature set (and method), below |

            Each element of `datasets`:

            | key | value |
            |---|---|
            | `dataset` | `UCF`, `ActivityNet` or `VGGSound` |
            | `features` | `main` or `cls` |
            | `seeds` | the seeds, ascending |
            | `hyperparameters` | name → value, shared by all seeds |
            | `runs` | one object per seed: `seed`, test `S`, `U`, `HM`, `ZSL`, `beta` (β\\*), `best_epoch` (E\\*, 0-based), `seconds`, `stage1_val_hm` and `stage2_val_hm` (validation HM per epoch), `beta_curve` (objects `beta`, `S`, `U`, `HM`: validation at E\\*) |
            | `mean` | `S`, `U`, `HM`, `ZSL`: mean over the seeds (`HM`: the mean of the seeds' HM) |
            | `std` | the same keys: sample standard deviation (n − 1); 0 for a single seed |
            | `published` | the same keys: the published figures, or `null` (also a single figure the paper does not give) |
            | `difference` | the same keys: mean − published in percentage points, or `null` |
            | `plots` | `validation_hm`, `beta`: PNG file names in the same folder |

            When the reproduction compares methods (it ran a method other than AVCA), more keys are
            added; an AVCA-only reproduction writes exactly the keys above:

            - top level: `methods` (the ids of the methods run, in the paper's row order),
              `methods_note` (where the comparison methods' published figures come from) and
              `methods_plots` (feature set `main` or `cls` → PNG of the test HM per method and
              dataset, this run beside the published figure);
            - each element of `datasets`: `method` (the method's id: `avca`, `ale`, `sje`,
              `devise`, `apn`, `cjme`, `avgzslnet` or `fvaegan`) and `test_beta_rule` (`BOTH`: the
              test β is the "both" mode's β*; `MEAN_OF_THREE`: the mean of the audio, video and
              both βs, as the reference tests CJME and AVGZSLNet).
            """;

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsJson() {}

    /** The JSON document of a reproduction, summarised per benchmark. */
    static ObjectNode build(ReproductionRun run, List<DatasetSummary> summaries) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("text_order", run.textOrder().label());
        root.put("units", "percent");
        root.put("published_note", PublishedResults.SOURCE_NOTE);
        ObjectNode machine = root.putObject("machine");
        machine.put("os", run.machine().os());
        machine.put("arch", run.machine().arch());
        machine.put("cores", run.machine().cores());
        machine.put("java", run.machine().javaVersion());
        ObjectNode versions = root.putObject("versions");
        versions.put("avca4j", run.versions().avca4j());
        versions.put("onnxruntime", run.versions().onnxRuntime());
        versions.put("nd4j", run.versions().nd4j());
        root.put("started", run.started().toString());
        root.put("finished", run.finished().toString());
        root.put("seconds", round(run.duration().toMillis() / 1000.0));
        boolean methods = run.comparesMethods();
        ArrayNode datasets = root.putArray("datasets");
        for (DatasetSummary s : summaries) {
            datasets.add(dataset(s, methods));
        }
        if (methods) {
            ArrayNode ids = root.putArray("methods");
            run.methods().forEach(ids::add);
            root.put("methods_note", PublishedResults.METHODS_NOTE);
            ObjectNode plots = root.putObject("methods_plots");
            for (MethodsTable t : ReportWriter.methodsTables(run, summaries)) {
                plots.put(t.features().label(), ReportPlots.methodsFile(t));
            }
        }
        return root;
    }

    /**
     * The document as indented UTF-8 JSON text.
     *
     * @throws IllegalStateException if Jackson cannot write the tree (it holds only plain values)
     */
    static byte[] bytes(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write results.json", e);
        }
    }

    private static ObjectNode dataset(DatasetSummary s, boolean methods) {
        ObjectNode node = MAPPER.createObjectNode();
        if (methods) {
            node.put("method", s.method());
            node.put("test_beta_rule", s.runs().get(0).testBetaRule().name());
        }
        node.put("dataset", s.dataset().folder());
        node.put("features", s.features().label());
        ArrayNode seeds = node.putArray("seeds");
        s.seeds().forEach(seeds::add);
        ObjectNode hp = node.putObject("hyperparameters");
        for (Map.Entry<String, Object> e : s.hyperparameters().entrySet()) {
            Object v = e.getValue();
            hp.set(
                    e.getKey(),
                    v instanceof Enum<?> en ? hp.textNode(en.name()) : MAPPER.valueToTree(v));
        }
        ArrayNode runs = node.putArray("runs");
        for (SeedRun r : s.runs()) {
            runs.add(run(r));
        }
        node.set("mean", scores(s.mean()));
        node.set("std", scores(s.std()));
        node.set("published", optionalScores(s.published()));
        node.set("difference", optionalScores(s.difference()));
        ObjectNode plots = node.putObject("plots");
        plots.put("validation_hm", ReportPlots.validationHmFile(s));
        plots.put("beta", ReportPlots.betaFile(s));
        return node;
    }

    private static ObjectNode run(SeedRun r) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seed", r.seed());
        putScores(node, r.test().scaled(100));
        node.put("beta", round(r.beta()));
        node.put("best_epoch", r.bestEpoch());
        node.put("seconds", round(r.seconds()));
        ArrayNode stage1 = node.putArray("stage1_val_hm");
        r.stage1ValidationHm().forEach(v -> stage1.add(round(100 * v)));
        ArrayNode stage2 = node.putArray("stage2_val_hm");
        r.stage2ValidationHm().forEach(v -> stage2.add(round(100 * v)));
        ArrayNode curve = node.putArray("beta_curve");
        for (GzslResult.BetaPoint p : r.betaCurve()) {
            ObjectNode point = curve.addObject();
            point.put("beta", round(p.beta()));
            point.put("S", round(100 * p.seen()));
            point.put("U", round(100 * p.unseen()));
            point.put("HM", round(100 * p.harmonicMean()));
        }
        return node;
    }

    private static ObjectNode scores(Scores s) {
        return putScores(MAPPER.createObjectNode(), s);
    }

    private static ObjectNode putScores(ObjectNode node, Scores s) {
        double[] values = s.toArray();
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                node.putNull(Scores.NAMES.get(i));
            } else {
                node.put(Scores.NAMES.get(i), round(values[i]));
            }
        }
        return node;
    }

    private static JsonNode optionalScores(Optional<Scores> s) {
        return s.<JsonNode>map(ResultsJson::scores).orElseGet(MAPPER.getNodeFactory()::nullNode);
    }

    /**
     * Rounds to 4 decimals: far below the precision of any figure, and free of binary noise such as
     * 0.6000000000000001.
     */
    static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
