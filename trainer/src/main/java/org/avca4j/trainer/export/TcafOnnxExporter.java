package org.avca4j.trainer.export;

import static org.avca4j.trainer.export.OnnxGraph.attr;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.ModelSignature;
import org.avca4j.trainer.data.sequence.FrameRates;
import org.avca4j.trainer.io.AtomicFiles;
import org.avca4j.trainer.method.tcaf.TcafSettings;
import org.avca4j.trainer.method.tcaf.TcafTimeCode;
import org.avca4j.trainer.method.tcaf.TcafWeights;
import org.avca4j.trainer.method.tcaf.TimeCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes TCaF's inference path (SUCCESSORS-SPEC §1.4, as {@link
 * org.avca4j.trainer.method.tcaf.TcafForward}) as an ONNX model with the padding mask in the graph.
 *
 * <p>Inputs: {@code audio [N, La, Da]}, {@code audio_mask [N, La]}, {@code video [N, Lv, Dv]},
 * {@code video_mask [N, Lv]} (1 = real row, 0 = padding; any lengths), {@code text [C, T]}.
 * Outputs: {@code theta_v = theta_a = θo [N, 64]} and {@code theta_w [C, 64]}, compared by
 * Euclidean distance. The time stamps of the time code are built in the graph from the padded
 * lengths: the row index (as the reference's inference) or {@code k·r} with {@link
 * TimeCodes#RATED}. The card's {@code training} object names the method and its settings.
 */
public final class TcafOnnxExporter {

    /** Input: 1 on the real audio rows, {@code [N, La]} ({@link ModelSignature#AUDIO_MASK}). */
    public static final String AUDIO_MASK = ModelSignature.AUDIO_MASK;

    /** Input: 1 on the real video rows, {@code [N, Lv]} ({@link ModelSignature#VIDEO_MASK}). */
    public static final String VIDEO_MASK = ModelSignature.VIDEO_MASK;

    /** Symbol of the padded audio length. */
    public static final String AUDIO_LENGTH = "La";

    /** Symbol of the padded video length. */
    public static final String VIDEO_LENGTH = "Lv";

    private static final Logger LOG = LoggerFactory.getLogger(TcafOnnxExporter.class);
    private static final double NORM_EPS = 1e-5;

    /**
     * Builds the model with the card (its {@code training} object extended by the method id and
     * settings) and the digest in the metadata.
     *
     * @param weights the trained network
     * @param rates the feature set's frame rates (used with {@link TimeCodes#RATED})
     * @param card what it was trained on; {@code embedding_dim} must be 64
     * @throws IllegalArgumentException if the card's widths are not those of the weights
     */
    public OnnxMl.ModelProto toModel(TcafWeights weights, FrameRates rates, ModelCard card) {
        ModelCards.Builder filled =
                AvcaOnnxExporter.complete(
                        card,
                        new int[] {
                            weights.audioDim(),
                            weights.videoDim(),
                            weights.textDim(),
                            TcafSettings.EMBEDDING_DIM
                        });
        Map<String, Object> training = new LinkedHashMap<>(card.training());
        training.put(SingleEmbeddingOnnxExporter.METHOD_KEY, TcafSettings.ID);
        training.put(SingleEmbeddingOnnxExporter.SETTINGS_KEY, weights.settings().asMap());
        filled.optTraining(training);
        OnnxGraph g = new Builder(weights, rates).graph();
        return AvcaOnnxExporter.model(
                g,
                filled,
                "TCaF (ECCV 2022) inference: theta_v = theta_a = the class token's embedding of"
                        + " padded, masked audio and video sequences; theta_w of class text"
                        + " embeddings; scored by Euclidean distance");
    }

    /**
     * Writes the model to a file atomically.
     *
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException as {@link #toModel}
     */
    public void export(TcafWeights weights, FrameRates rates, ModelCard card, Path file)
            throws IOException {
        byte[] bytes = toModel(weights, rates, card).toByteArray();
        AtomicFiles.write(file, bytes);
        LOG.info(
                "Exported TCaF model to {} ({} bytes, {} classes)",
                file,
                bytes.length,
                card.classes().size());
    }

    /** The graph of one network. */
    private static final class Builder {
        private final TcafWeights w;
        private final TcafSettings s;
        private final FrameRates rates;
        private final OnnxGraph g = new OnnxGraph(TcafSettings.ID);
        // Layers applied more than once (the time-code projection, for audio and for video) store
        // their weights once: a second initializer of the same name makes ONNX Runtime warn and
        // keep only the last.
        private final java.util.Map<String, String> stored = new java.util.HashMap<>();

        Builder(TcafWeights w, FrameRates rates) {
            this.w = w;
            this.s = w.settings();
            this.rates = rates;
        }

        OnnxGraph graph() {
            g.input(ModelSignature.AUDIO, w.audioDim(), ModelSignature.CLIP_DIM, AUDIO_LENGTH);
            g.input(AUDIO_MASK, 0, ModelSignature.CLIP_DIM, AUDIO_LENGTH);
            g.input(ModelSignature.VIDEO, w.videoDim(), ModelSignature.CLIP_DIM, VIDEO_LENGTH);
            g.input(VIDEO_MASK, 0, ModelSignature.CLIP_DIM, VIDEO_LENGTH);
            g.input(ModelSignature.TEXT, ModelSignature.CLASS_DIM, w.textDim());
            String audio =
                    g.op("Div", new String[] {ModelSignature.AUDIO, scalar("audio_scale", 255)});
            String norm =
                    g.op(
                            "ReduceL2",
                            new String[] {ModelSignature.VIDEO},
                            attr("axes", new long[] {1}),
                            attr("keepdims", 1L));
            String video =
                    g.op(
                            "Div",
                            new String[] {
                                ModelSignature.VIDEO,
                                g.op("Max", new String[] {norm, scalar("norm_floor", 1e-12)})
                            });
            String tokA =
                    tokens(
                            "aenc",
                            "tok_a",
                            0,
                            audio,
                            AUDIO_MASK,
                            ModelSignature.AUDIO,
                            rates.audio());
            String tokV =
                    tokens(
                            "venc",
                            "tok_v",
                            1,
                            video,
                            VIDEO_MASK,
                            ModelSignature.VIDEO,
                            rates.video());
            String batch = batchDim(ModelSignature.AUDIO);
            String cls =
                    g.op(
                            "Expand",
                            new String[] {
                                g.floats("cls", floats(w.get("cls")), 1, 1, TcafSettings.MODEL_DIM),
                                g.op(
                                        "Concat",
                                        new String[] {
                                            batch,
                                            g.longs(
                                                    "cls_shape",
                                                    new long[] {1, TcafSettings.MODEL_DIM},
                                                    2)
                                        },
                                        attr("axis", 0L))
                            });
            String x = g.op("Concat", new String[] {cls, tokA, tokV}, attr("axis", 1L));
            String mask = attentionMask(batch);
            for (int l = 0; l < s.depth(); l++) {
                x = layer("layer" + l + ".", x, mask);
            }
            String z =
                    g.op(
                            "Gather",
                            new String[] {x, g.longs("first", new long[] {0})},
                            attr("axis", 1L));
            String theta = embeddingNet("oproj", z, true);
            g.opNamed("Identity", ModelSignature.THETA_V, new String[] {theta});
            g.opNamed("Identity", ModelSignature.THETA_A, new String[] {theta});
            String text = embeddingNet("wproj", ModelSignature.TEXT, false);
            g.opNamed("Identity", ModelSignature.THETA_W, new String[] {text});
            int e = TcafSettings.EMBEDDING_DIM;
            g.output(ModelSignature.THETA_V, ModelSignature.CLIP_DIM, e);
            g.output(ModelSignature.THETA_A, ModelSignature.CLIP_DIM, e);
            g.output(ModelSignature.THETA_W, ModelSignature.CLASS_DIM, e);
            return g;
        }

        /** Tokens {@code [N, L, 300]} of one modality. */
        private String tokens(
                String encoder,
                String proj,
                int modality,
                String rows,
                String rowMask,
                String input,
                double rate) {
            String enc = embeddingNet(encoder, rows, true);
            String shape = g.op("Shape", new String[] {input});
            String length =
                    g.op(
                            "Gather",
                            new String[] {
                                shape, g.longs(proj + ".len_at", new long[] {1}, new long[0])
                            });
            String index =
                    g.op(
                            "Range",
                            new String[] {
                                g.longs(proj + ".zero", new long[] {0}, new long[0]),
                                length,
                                g.longs(proj + ".one", new long[] {1}, new long[0])
                            });
            double step = s.timeCodes() == TimeCodes.RATED ? rate : 1.0;
            String t =
                    g.op(
                            "Mul",
                            new String[] {
                                g.op("Cast", new String[] {index}, attr("to", 1L)),
                                scalar(proj + ".step", step)
                            });
            String column =
                    g.op("Unsqueeze", new String[] {t, g.longs(proj + ".ax1", new long[] {1}, 1)});
            double[] r = w.get("time.R");
            int k = TcafTimeCode.FREQUENCIES;
            float[] freq = new float[k];
            for (int j = 0; j < k; j++) {
                freq[j] = (float) (2 * Math.PI * (r[j] + r[k + j]));
            }
            String phase =
                    g.op("MatMul", new String[] {column, g.floats(proj + ".freq", freq, 1, k)});
            String fourier =
                    g.op(
                            "Concat",
                            new String[] {
                                g.op("Sin", new String[] {phase}), g.op("Cos", new String[] {phase})
                            },
                            attr("axis", 1L));
            String code = linear("time", fourier);
            int td = TcafSettings.TIME_DIM;
            double[] m = w.get("modality");
            float[] own = new float[td];
            for (int j = 0; j < td; j++) {
                own[j] = (float) m[modality * td + j];
            }
            code = g.op("Add", new String[] {code, g.floats(proj + ".modality", own, td)});
            String padded = g.op("Sub", new String[] {scalar(proj + ".ones", 1), rowMask});
            String padTerm =
                    g.op(
                            "Mul",
                            new String[] {
                                g.op(
                                        "Unsqueeze",
                                        new String[] {
                                            padded, g.longs(proj + ".ax2", new long[] {2}, 1)
                                        }),
                                g.floats(proj + ".pad", floats(w.get("pad")), td)
                            });
            String extra = g.op("Add", new String[] {padTerm, code});
            String joined = g.op("Concat", new String[] {enc, extra}, attr("axis", 2L));
            return linear(proj, joined);
        }

        /** {@code [N, 1]} holding the clip count, as a 1-D int64 {@code [1]}. */
        private String batchDim(String input) {
            return g.op(
                    "Gather",
                    new String[] {
                        g.op("Shape", new String[] {input}), g.longs("batch_at", new long[] {0}, 1)
                    });
        }

        /** The boolean mask {@code [N, 1, S, S]} of §1.4 step 5. */
        private String attentionMask(String batch) {
            String ones =
                    g.op(
                            "Expand",
                            new String[] {
                                g.floats("one_11", new float[] {1f}, 1, 1),
                                g.op(
                                        "Concat",
                                        new String[] {batch, g.longs("col1", new long[] {1}, 1)},
                                        attr("axis", 0L))
                            });
            String real =
                    g.op("Concat", new String[] {ones, AUDIO_MASK, VIDEO_MASK}, attr("axis", 1L));
            // modality code per token: 0 cls, 1 audio, 2 video
            String zero = g.op("Mul", new String[] {ones, scalar("zero", 0)});
            String one =
                    g.op(
                            "Add",
                            new String[] {
                                g.op("Mul", new String[] {AUDIO_MASK, scalar("zero_a", 0)}),
                                scalar("one", 1)
                            });
            String two =
                    g.op(
                            "Add",
                            new String[] {
                                g.op("Mul", new String[] {VIDEO_MASK, scalar("zero_v", 0)}),
                                scalar("two", 2)
                            });
            String type = g.op("Concat", new String[] {zero, one, two}, attr("axis", 1L));
            String ti = unsqueeze(type, 2, "type_i");
            String tj = unsqueeze(type, 1, "type_j");
            String same =
                    g.op(
                            "And",
                            new String[] {
                                g.op("Equal", new String[] {ti, tj}),
                                g.op("Greater", new String[] {ti, scalar("half", 0.5)})
                            });
            String pair =
                    g.op(
                            "Mul",
                            new String[] {
                                unsqueeze(real, 2, "real_i"), unsqueeze(real, 1, "real_j")
                            });
            String allowed =
                    g.op(
                            "And",
                            new String[] {
                                g.op("Not", new String[] {same}),
                                g.op("Greater", new String[] {pair, scalar("half_p", 0.5)})
                            });
            return unsqueeze(allowed, 1, "mask_heads");
        }

        private String layer(String p, String x, String mask) {
            int h = s.heads();
            int dh = s.headDim();
            int aw = s.attentionWidth();
            int d = TcafSettings.MODEL_DIM;
            String ln = layerNorm(p, x);
            String heads = g.longs(p + "heads_shape", new long[] {0, 0, h, dh}, 4);
            // [B, T, h, dh] as [B, h, T, dh]; keys as [B, h, dh, T], ready for q·kᵀ.
            String q = split(p, "q", ln, heads, 0, 2, 1, 3);
            String k = split(p, "k", ln, heads, 0, 2, 3, 1);
            String v = split(p, "v", ln, heads, 0, 2, 1, 3);
            String scores =
                    g.op(
                            "Mul",
                            new String[] {
                                g.op("MatMul", new String[] {q, k}),
                                scalar(p + "scale", 1 / Math.sqrt(dh))
                            });
            String masked =
                    g.op("Where", new String[] {mask, scores, scalar(p + "neg", -Float.MAX_VALUE)});
            String att = g.op("Softmax", new String[] {masked}, attr("axis", -1L));
            String mixed =
                    g.op(
                            "Transpose",
                            new String[] {g.op("MatMul", new String[] {att, v})},
                            attr("perm", new long[] {0, 2, 1, 3}));
            String joined =
                    g.op(
                            "Reshape",
                            new String[] {mixed, g.longs(p + "joined", new long[] {0, 0, aw}, 3)});
            String y = g.op("Add", new String[] {x, linear(p + "o", joined)});
            String f = linear(p + "ff1", layerNorm(p, y));
            String gelu =
                    g.op(
                            "Mul",
                            new String[] {
                                g.op("Mul", new String[] {f, scalar(p + "halfg", 0.5)}),
                                g.op(
                                        "Add",
                                        new String[] {
                                            g.op(
                                                    "Erf",
                                                    new String[] {
                                                        g.op(
                                                                "Mul",
                                                                new String[] {
                                                                    f,
                                                                    scalar(
                                                                            p + "rsqrt2",
                                                                            1 / Math.sqrt(2))
                                                                })
                                                    }),
                                            scalar(p + "oneg", 1)
                                        })
                            });
            return g.op("Add", new String[] {y, linear(p + "ff2", gelu)});
        }

        /**
         * {@code x·W_name} split into heads by {@code shape}, its axes in the order {@code perm}.
         */
        private String split(String p, String name, String x, String shape, long... perm) {
            int aw = s.attentionWidth();
            String y =
                    g.op(
                            "MatMul",
                            new String[] {
                                x,
                                g.floats(
                                        p + name,
                                        floats(w.get(p + name)),
                                        TcafSettings.MODEL_DIM,
                                        aw)
                            });
            return g.op(
                    "Transpose",
                    new String[] {g.op("Reshape", new String[] {y, shape})},
                    attr("perm", perm));
        }

        private String layerNorm(String p, String x) {
            String gamma = p + "ln.gamma";
            String beta = p + "ln.beta";
            if (!names.containsKey(gamma)) {
                names.put(gamma, g.floats(gamma, floats(w.get(gamma)), TcafSettings.MODEL_DIM));
                names.put(beta, g.floats(beta, floats(w.get(beta)), TcafSettings.MODEL_DIM));
            }
            return g.op(
                    "LayerNormalization",
                    new String[] {x, names.get(gamma), names.get(beta)},
                    attr("axis", -1L),
                    attr("epsilon", (float) NORM_EPS));
        }

        private final Map<String, String> names = new LinkedHashMap<>();

        private String embeddingNet(String name, String x, boolean hidden) {
            String y = relu(bn(name + ".bn1", linear(name + ".fc1", x)));
            if (hidden) {
                y = relu(bn(name + ".bn2", linear(name + ".fc2", y)));
            }
            return y;
        }

        private String relu(String x) {
            return g.op("Relu", new String[] {x});
        }

        /** Inference BatchNorm as {@code x·scale + shift}. */
        private String bn(String name, String x) {
            double[] gamma = w.get(name + ".gamma");
            double[] beta = w.get(name + ".beta");
            double[] mean = w.get(name + ".mean");
            double[] var = w.get(name + ".var");
            float[] scale = new float[gamma.length];
            float[] shift = new float[gamma.length];
            for (int j = 0; j < gamma.length; j++) {
                double sc = gamma[j] / Math.sqrt(var[j] + NORM_EPS);
                scale[j] = (float) sc;
                shift[j] = (float) (beta[j] - mean[j] * sc);
            }
            return g.op(
                    "Add",
                    new String[] {
                        g.op(
                                "Mul",
                                new String[] {x, g.floats(name + ".scale", scale, scale.length)}),
                        g.floats(name + ".shift", shift, shift.length)
                    });
        }

        private String linear(String name, String x) {
            double[] weight = w.get(name + ".W");
            double[] bias = w.get(name + ".b");
            int out = bias.length;
            int in = weight.length / out;
            return g.op(
                    "Add",
                    new String[] {
                        g.op(
                                "MatMul",
                                new String[] {
                                    x,
                                    stored.computeIfAbsent(
                                            name + ".W", k -> g.floats(k, floats(weight), in, out))
                                }),
                        stored.computeIfAbsent(name + ".b", k -> g.floats(k, floats(bias), out))
                    });
        }

        private String unsqueeze(String x, long axis, String name) {
            return g.op(
                    "Unsqueeze", new String[] {x, g.longs(name + ".axis", new long[] {axis}, 1)});
        }

        private String scalar(String name, double value) {
            return g.floats(name, new float[] {(float) value});
        }

        private static float[] floats(double[] v) {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            return f;
        }
    }
}
