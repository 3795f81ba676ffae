package org.avca4j.trainer.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.card.Precision;
import org.avca4j.sdk.card.ScoringRule;
import org.avca4j.trainer.method.MethodNetwork;
import org.avca4j.trainer.method.MethodSettings;
import org.avca4j.trainer.method.SingleEmbeddingNetwork;
import org.avca4j.trainer.method.TwoBranchNetwork;
import org.avca4j.trainer.method.avca.AvcaMethodNetwork;
import org.avca4j.trainer.method.clipclap.ClipClapMethod;
import org.avca4j.trainer.method.clipclap.ClipClapNetwork;
import org.avca4j.trainer.method.tcaf.TcafNetwork;
import org.avca4j.trainer.method.tcaf.TcafSettings;

/**
 * The exporters of the method families: AVCA ({@link AvcaOnnxExporter}), the single-embedding
 * methods ALE, SJE, DEVISE and APN ({@link SingleEmbeddingOnnxExporter}) and the two-branch methods
 * CJME and AVGZSLNet ({@link BranchOnnxExporter}), and ClipClap-GZSL ({@link
 * ClipClapOnnxExporter}). f-VAEGAN-D2 exports its fixed-class classifier from its protocol's result
 * ({@link FixedClassOnnxExporter}).
 */
public final class MethodExporters {

    private MethodExporters() {}

    /** AVCA: θv, θa and θw of {@link AvcaOnnxExporter}. */
    public static MethodExporter avca() {
        return avca(Precision.FP32);
    }

    /**
     * AVCA with its weight matrices stored in the given precision ({@link
     * AvcaOnnxExporter#AvcaOnnxExporter(Precision)}).
     *
     * @throws NullPointerException if precision is null
     */
    public static MethodExporter avca(Precision precision) {
        AvcaOnnxExporter avcaExporter = new AvcaOnnxExporter(precision);
        return new MethodExporter() {
            @Override
            public int embeddingDim(MethodNetwork network) {
                return cast(network, AvcaMethodNetwork.class, "avca").avca().config().outDim();
            }

            @Override
            public void export(
                    MethodNetwork network, MethodSettings settings, ModelCard card, Path file)
                    throws IOException {
                avcaExporter.export(
                        cast(network, AvcaMethodNetwork.class, "avca").avca().weights(),
                        card,
                        file);
            }
        };
    }

    /**
     * A single-embedding method: {@code e([video ‖ audio])} against the raw text embedding.
     *
     * @param methodId the id the card's training object names, e.g. "devise"
     */
    public static MethodExporter singleEmbedding(String methodId) {
        Objects.requireNonNull(methodId, "methodId");
        return new MethodExporter() {
            @Override
            public int embeddingDim(MethodNetwork network) {
                return cast(network, SingleEmbeddingNetwork.class, methodId)
                        .linearEmbedding()
                        .textDim();
            }

            @Override
            public void export(
                    MethodNetwork network, MethodSettings settings, ModelCard card, Path file)
                    throws IOException {
                new SingleEmbeddingOnnxExporter()
                        .export(
                                methodId,
                                settings,
                                cast(network, SingleEmbeddingNetwork.class, methodId)
                                        .linearEmbedding(),
                                card,
                                file);
            }
        };
    }

    /** ClipClap-GZSL: θo against W_proj(W_enc(w)) of {@link ClipClapOnnxExporter}. */
    public static MethodExporter clipClap() {
        return new MethodExporter() {
            @Override
            public int embeddingDim(MethodNetwork network) {
                return cast(network, ClipClapNetwork.class, ClipClapMethod.ID)
                        .settings()
                        .embedDim();
            }

            @Override
            public void export(
                    MethodNetwork network, MethodSettings settings, ModelCard card, Path file)
                    throws IOException {
                new ClipClapOnnxExporter()
                        .export(
                                cast(network, ClipClapNetwork.class, ClipClapMethod.ID),
                                card,
                                file);
            }
        };
    }

    /** TCaF: the sequence model of docs/model-format.md ({@link TcafOnnxExporter}). */
    public static MethodExporter tcaf() {
        return new MethodExporter() {
            @Override
            public int embeddingDim(MethodNetwork network) {
                cast(network, TcafNetwork.class, TcafSettings.ID);
                return TcafSettings.EMBEDDING_DIM;
            }

            @Override
            public void export(
                    MethodNetwork network, MethodSettings settings, ModelCard card, Path file)
                    throws IOException {
                TcafNetwork n = cast(network, TcafNetwork.class, TcafSettings.ID);
                new TcafOnnxExporter().export(n.weights(), n.rates(), card, file);
            }
        };
    }

    /** A two-branch method, scored by its network's rule (sum of distances, or gated). */
    public static MethodExporter twoBranch() {
        return new MethodExporter() {
            @Override
            public int embeddingDim(MethodNetwork network) {
                return cast(network, TwoBranchNetwork.class, "two-branch").outDim();
            }

            @Override
            public ScoringRule scoringRule(MethodNetwork network) {
                return cast(network, TwoBranchNetwork.class, "two-branch").scoringRule();
            }

            @Override
            public void export(
                    MethodNetwork network, MethodSettings settings, ModelCard card, Path file)
                    throws IOException {
                new BranchOnnxExporter()
                        .export(cast(network, TwoBranchNetwork.class, "two-branch"), card, file);
            }
        };
    }

    private static <T extends MethodNetwork> T cast(
            MethodNetwork network, Class<T> type, String method) {
        if (!type.isInstance(network)) {
            throw new IllegalArgumentException(
                    "the "
                            + method
                            + " exporter needs a "
                            + type.getSimpleName()
                            + ", got "
                            + (network == null ? "null" : network.getClass().getSimpleName()));
        }
        return type.cast(network);
    }
}
