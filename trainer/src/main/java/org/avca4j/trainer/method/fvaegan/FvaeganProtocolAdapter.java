package org.avca4j.trainer.method.fvaegan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.export.FixedClassOnnxExporter;
import org.avca4j.trainer.export.FvaeganCards;
import org.avca4j.trainer.export.ModelCards;
import org.avca4j.trainer.method.BaselineRules;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.training.MethodProtocol;
import org.avca4j.trainer.training.ProtocolOutcome;
import org.avca4j.trainer.training.Trainer;
import org.avca4j.trainer.training.TrainingConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * f-VAEGAN-D2's own protocol ({@link FvaeganProtocol}) behind {@link MethodProtocol}: the run's
 * epochs, batches per epoch and batch size (the trainer's optimisation settings, so {@code
 * --epochs}, {@code --batches} and {@code --batch-size} of the command line) become {@code nepoch},
 * {@code n_batches} and {@code batch_size}; the reported GZSL classifier is exported with its fixed
 * class set ({@link FixedClassOnnxExporter}, {@link FvaeganCards}). A run folder whose {@value
 * MethodProtocol#MODEL_FILE} holds the card of a run with the same settings, seed and data, beside
 * its {@value FvaeganResult#FILE_NAME}, is reused.
 */
public final class FvaeganProtocolAdapter implements MethodProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(FvaeganProtocolAdapter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The trainer's settings with its schedule: {@code nepoch}, {@code n_batches} and {@code
     * batch_size} from the optimisation settings.
     *
     * @throws IllegalArgumentException if the settings are not f-VAEGAN-D2's
     */
    public static FvaeganSettings settings(MethodSettings settings, TrainingConfig training) {
        FvaeganSettings s =
                BaselineRules.settingsOf(settings, FvaeganSettings.class, "f-VAEGAN-D2");
        return s.with(
                Map.of(
                        "nepoch", Integer.toString(training.epochs()),
                        "n_batches", Integer.toString(training.batchesPerEpoch()),
                        "batch_size", Integer.toString(training.batchSize())));
    }

    /**
     * @throws IOException if the result file or the model's card cannot be read
     */
    @Override
    public Optional<ProtocolOutcome> finished(Trainer trainer, Benchmark benchmark, Path runFolder)
            throws IOException {
        Path result = runFolder.resolve(FvaeganResult.FILE_NAME);
        Path model = runFolder.resolve(MODEL_FILE);
        if (!Files.isRegularFile(result) || !Files.isRegularFile(model)) {
            return Optional.empty();
        }
        FvaeganSettings settings = settings(trainer.settings(), trainer.trainingConfig());
        ModelCard card;
        try {
            card = ModelCards.read(model);
        } catch (IOException e) {
            LOG.info("{} is not a readable model ({}): running again", model, e.getMessage());
            return Optional.empty();
        }
        JsonNode tree = MAPPER.readTree(result.toFile());
        boolean same =
                card.dataset() == benchmark.dataset()
                        && card.featureSet() == benchmark.featureSet()
                        && card.split() == benchmark.split()
                        && card.textOrder() == benchmark.textOrder()
                        && card.seed() == trainer.trainingConfig().seed()
                        && asJson(settings.asMap()).equals(card.training().get("settings"))
                        && asJson(settings.asMap())
                                .equals(MAPPER.convertValue(tree.get("settings"), MAP));
        if (!same) {
            LOG.info("{} was written by another run; running f-VAEGAN-D2 again", runFolder);
            return Optional.empty();
        }
        LOG.info("f-VAEGAN-D2 already finished in {}: reusing {}", runFolder, result.getFileName());
        return Optional.of(read(tree));
    }

    /**
     * @throws IllegalArgumentException as {@link FvaeganProtocol#run}, or if the settings are not
     *     f-VAEGAN-D2's
     * @throws IOException as {@link FvaeganProtocol#run}
     */
    @Override
    public FvaeganOutcome run(Trainer trainer, Benchmark benchmark, Path runFolder)
            throws IOException {
        FvaeganSettings settings = settings(trainer.settings(), trainer.trainingConfig());
        return FvaeganOutcome.of(
                FvaeganProtocol.run(
                        benchmark, settings, runFolder, trainer.trainingConfig().seed()));
    }

    /**
     * Writes the reported GZSL classifier; a reused outcome keeps the file its run wrote.
     *
     * @throws IllegalArgumentException if the outcome is not f-VAEGAN-D2's
     * @throws IOException if the file cannot be read or written
     */
    @Override
    public Optional<ModelCard> export(
            Trainer trainer,
            Benchmark benchmark,
            ProtocolOutcome outcome,
            Path runFolder,
            Path file)
            throws IOException {
        FvaeganOutcome o = own(outcome);
        if (o.result() == null) {
            LOG.info("{} already holds the classifier of this run: not exported again", file);
            return Optional.of(ModelCards.read(file));
        }
        ModelCard card = FvaeganCards.of(benchmark, o.result());
        new FixedClassOnnxExporter().export(o.result().classifier(), card, file);
        return Optional.of(card);
    }

    /**
     * One point: f-VAEGAN-D2 has no calibrated stacking, so its curve is stage 1's validation S, U
     * and H at β 0 at the chosen epochs.
     *
     * @throws IllegalArgumentException if the outcome is not f-VAEGAN-D2's
     */
    @Override
    public List<GzslResult.BetaPoint> betaCurve(
            Trainer trainer, Benchmark benchmark, ProtocolOutcome outcome, Path runFolder) {
        Figures v = own(outcome).validation();
        return List.of(new GzslResult.BetaPoint(0, v.seen(), v.unseen(), v.harmonicMean()));
    }

    private static FvaeganOutcome own(ProtocolOutcome outcome) {
        if (!(outcome instanceof FvaeganOutcome o)) {
            throw new IllegalArgumentException(
                    "f-VAEGAN-D2 reads its own outcome, not a "
                            + outcome.getClass().getSimpleName());
        }
        return o;
    }

    /** False: its ZSL figure comes from a classifier trained on the unseen classes alone. */
    @Override
    public boolean exportGivesZsl() {
        return false;
    }

    private static final TypeReference<LinkedHashMap<String, Object>> MAP =
            new TypeReference<>() {};

    private static Map<String, Object> asJson(Map<String, Object> m) {
        return MAPPER.convertValue(m, MAP);
    }

    /** The outcome of a {@value FvaeganResult#FILE_NAME}, without the classifier. */
    private static FvaeganOutcome read(JsonNode tree) {
        List<Double> h1 = new ArrayList<>();
        List<Double> h2 = new ArrayList<>();
        double seconds = 0;
        for (JsonNode e : tree.get("stage1")) {
            h1.add(e.get("best").get("harmonicMean").asDouble());
            seconds += e.get("seconds").asDouble();
        }
        for (JsonNode e : tree.get("stage2")) {
            h2.add(e.get("best").get("harmonicMean").asDouble());
            seconds += e.get("seconds").asDouble();
        }
        return new FvaeganOutcome(
                tree.get("testEpoch").asInt(),
                FvaeganOutcome.figures(figures(tree.get("test"))),
                h1,
                h2,
                seconds,
                tree.get("selection").asText(),
                figures(tree.get("validation")),
                null);
    }

    private static Figures figures(JsonNode f) {
        return new Figures(
                f.get("seen").asDouble(),
                f.get("unseen").asDouble(),
                f.get("harmonicMean").asDouble(),
                f.get("zsl").asDouble());
    }
}
