package org.avca4j.trainer.model;

import java.util.List;
import java.util.function.BiConsumer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training-mode forward of AVCA's loss for {@link FusedAvcaNetwork}: the block calls on the
 * positive clips and on the negative clips, written once as stages in the order of {@link
 * AvcaGraph}'s loss.
 *
 * <p>The two sides share no array until the losses. Their calls' BatchNorm statistics and dropout
 * masks are what ties them: both keep the graph's order over the whole pass. {@link #inOrder} runs
 * the stages on one thread in that order, each side through its own {@link Lane}, so that the mask
 * stream and the BatchNorm log learn which of their sites and calls are the negative side's. After
 * that, {@link #side} may run each side's stages alone, the negative ones on another thread: the
 * lanes then give each call the mask of its place, and the negative side's log is merged in at its
 * places ({@link BatchNormLog#merge}).
 */
final class ForwardPass {

    /**
     * One side of a pass: its inputs and what its calls returned. The positive side's calls fill
     * all of it, the negative side's all but the fields marked positive only. Only the thread that
     * runs a side's stages writes to it.
     */
    static final class Side {
        final INDArray a;
        final INDArray v;
        final INDArray w;
        FusedBlock.Call phiA;
        FusedBlock.Call phiV;
        FusedAttention.Call t;

        /** φa + the attention's audio output: the audio projection's input. */
        INDArray phiA2;

        /** φv + the attention's video output. */
        INDArray phiV2;

        FusedBlock.Call thW;
        FusedBlock.Call thV;
        FusedBlock.Call thA;
        FusedBlock.Call rhoA;
        FusedBlock.Call rhoV;

        /** Positive only. */
        FusedBlock.Call rhoW;

        /** Positive only. */
        FusedBlock.Call phiVRec;

        /** Positive only. */
        FusedBlock.Call phiARec;

        Side(INDArray a, INDArray v, INDArray w) {
            this.a = a;
            this.v = v;
            this.w = w;
        }
    }

    /** Where one side's calls take their dropout masks and record their BatchNorm statistics. */
    record Lane(MaskSource masks, BatchNormLog log) {

        FusedBlock.Call train(FusedBlock block, INDArray x) {
            return block.train(x, masks, log, true);
        }

        /** A call kept only for its statistics. */
        void statistics(FusedBlock block, INDArray x) {
            block.train(x, masks, log, false);
        }
    }

    /** Calls on one side or on both (the positive side's first), and which. */
    private record Stage(boolean positive, boolean negative, BiConsumer<Side, Lane> calls) {}

    private final List<Stage> stages;

    ForwardPass(
            FusedBlock aEnc,
            FusedBlock vEnc,
            FusedAttention attention,
            FusedBlock wProj,
            FusedBlock aProj,
            FusedBlock vProj,
            FusedBlock dec,
            FusedBlock aRec,
            FusedBlock vRec) {
        this.stages =
                List.of(
                        both(
                                (s, l) -> {
                                    s.phiA = l.train(aEnc, s.a);
                                    s.phiV = l.train(vEnc, s.v);
                                }),
                        both(
                                (s, l) -> {
                                    s.t =
                                            attention.apply(
                                                    s.phiA.output(), s.phiV.output(), l.masks());
                                    s.phiA2 = s.phiA.output().add(s.t.audio());
                                    s.phiV2 = s.phiV.output().add(s.t.video());
                                }),
                        both((s, l) -> s.thW = l.train(wProj, s.w)),
                        // the graph decodes the negative text embedding only for its statistics
                        new Stage(true, false, (s, l) -> s.rhoW = l.train(dec, s.thW.output())),
                        new Stage(false, true, (s, l) -> l.statistics(dec, s.thW.output())),
                        both((s, l) -> s.thV = l.train(vProj, s.phiV2)),
                        both((s, l) -> s.thA = l.train(aProj, s.phiA2)),
                        new Stage(
                                true,
                                false,
                                (s, l) -> {
                                    s.phiVRec = l.train(vRec, s.thV.output());
                                    s.phiARec = l.train(aRec, s.thA.output());
                                    l.statistics(aProj, s.phiARec.output());
                                    l.statistics(vProj, s.phiVRec.output());
                                }),
                        both((s, l) -> s.rhoA = l.train(dec, s.thA.output())),
                        both((s, l) -> s.rhoV = l.train(dec, s.thV.output())));
    }

    private static Stage both(BiConsumer<Side, Lane> calls) {
        return new Stage(true, true, calls);
    }

    /** Both sides on this thread, stage after stage in the graph's order. */
    void inOrder(Side positive, Lane positiveLane, Side negative, Lane negativeLane) {
        for (Stage s : stages) {
            if (s.positive()) {
                s.calls().accept(positive, positiveLane);
            }
            if (s.negative()) {
                s.calls().accept(negative, negativeLane);
            }
        }
    }

    /**
     * One side's stages alone, for a pass whose lanes and log know the sides' places from a pass
     * run {@link #inOrder}.
     */
    void side(boolean negative, Side side, Lane lane) {
        for (Stage s : stages) {
            if (negative ? s.negative() : s.positive()) {
                s.calls().accept(side, lane);
            }
        }
    }
}
