package org.avca4j.trainer.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.avca4j.sdk.evaluation.GzslResult;
import org.avca4j.trainer.method.EvalMode;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.avca.AvcaMethodNetwork;

/**
 * What one epoch did: the mean loss terms over its steps, the learning rate it trained with, and
 * its validation figures (fractions in [0, 1], as {@link GzslResult}). One line of {@code
 * metrics.jsonl}, with these names as keys (docs/results.md). The validation figures are those of
 * the method's "both" mode, which chooses the epoch.
 *
 * <p>AVCA's five loss terms have their own keys ({@code lossRec} … {@code lossR}), as they have
 * always had; another method's terms are under {@code terms} by their names, and its AVCA keys are
 * 0. {@code terms} and {@code modes} are left out of the JSON when empty, so an AVCA line holds
 * exactly the keys it held before other methods existed.
 *
 * @param stage the stage
 * @param epoch 0-based epoch index
 * @param loss mean total loss
 * @param lossRec mean l_rec
 * @param lossCt mean l_ct
 * @param lossW mean l_w
 * @param lossT mean l_t
 * @param lossR mean l_r
 * @param lr the learning rate of this epoch's steps
 * @param valSeen validation S at the chosen β
 * @param valUnseen validation U at the chosen β
 * @param valHm validation HM at the chosen β
 * @param valZsl validation ZSL
 * @param beta the β with the best validation HM
 * @param seconds wall-clock seconds of training and validation
 * @param terms mean loss terms by name of a method other than AVCA; empty for AVCA (null reads as
 *     empty)
 * @param modes the figures of each mode with its own β search, for methods that score audio, video
 *     and both separately; empty otherwise (null reads as empty)
 */
public record EpochRecord(
        Stage stage,
        int epoch,
        double loss,
        double lossRec,
        double lossCt,
        double lossW,
        double lossT,
        double lossR,
        double lr,
        double valSeen,
        double valUnseen,
        double valHm,
        double valZsl,
        double beta,
        double seconds,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> terms,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<EvalMode, ModeFigures> modes) {

    /** Copies the maps; null reads as empty. */
    public EpochRecord {
        terms = terms == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        modes =
                modes == null || modes.isEmpty()
                        ? Map.of()
                        : Collections.unmodifiableMap(new EnumMap<>(modes));
    }

    /** An AVCA record: five loss terms, one mode. */
    public EpochRecord(
            Stage stage,
            int epoch,
            double loss,
            double lossRec,
            double lossCt,
            double lossW,
            double lossT,
            double lossR,
            double lr,
            double valSeen,
            double valUnseen,
            double valHm,
            double valZsl,
            double beta,
            double seconds) {
        this(
                stage, epoch, loss, lossRec, lossCt, lossW, lossT, lossR, lr, valSeen, valUnseen,
                valHm, valZsl, beta, seconds, Map.of(), Map.of());
    }

    /**
     * Combines the parts of an epoch into its record: loss terms named as AVCA's go to the AVCA
     * keys, any others to {@code terms}.
     *
     * @param modes figures of each mode with its own β search (empty for single-mode methods)
     */
    static EpochRecord of(
            Stage stage,
            int epoch,
            LossTerms meanLosses,
            double lr,
            GzslResult validation,
            Map<EvalMode, ModeFigures> modes,
            double seconds) {
        Map<String, Double> t = meanLosses.terms();
        boolean avca = t.keySet().equals(new LinkedHashSet<>(AvcaMethodNetwork.TERMS));
        double[] a = new double[AvcaMethodNetwork.TERMS.size()];
        if (avca) {
            for (int i = 0; i < a.length; i++) {
                a[i] = t.get(AvcaMethodNetwork.TERMS.get(i));
            }
        }
        return new EpochRecord(
                stage,
                epoch,
                meanLosses.total(),
                a[0],
                a[1],
                a[2],
                a[3],
                a[4],
                lr,
                validation.seen(),
                validation.unseen(),
                validation.harmonicMean(),
                validation.zsl(),
                validation.beta(),
                seconds,
                avca ? Map.of() : t,
                modes);
    }

    /** The mean loss terms by name, AVCA's included. */
    public Map<String, Double> lossTerms() {
        if (!terms.isEmpty()) {
            return terms;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        double[] a = {lossRec, lossCt, lossW, lossT, lossR};
        for (int i = 0; i < a.length; i++) {
            m.put(AvcaMethodNetwork.TERMS.get(i), a[i]);
        }
        return m;
    }

    /**
     * The β a mode chose: its own search's, or the record's ({@link #beta()}) when the method
     * scores every mode alike.
     */
    public double beta(EvalMode mode) {
        ModeFigures f = modes.get(mode);
        return f != null ? f.beta() : beta;
    }

    /** This record with {@code seconds} set to 0: what two runs of the same seed agree on. */
    public EpochRecord withoutTiming() {
        return new EpochRecord(
                stage, epoch, loss, lossRec, lossCt, lossW, lossT, lossR, lr, valSeen, valUnseen,
                valHm, valZsl, beta, 0, terms, modes);
    }
}
