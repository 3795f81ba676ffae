package org.avca4j.trainer.method.fvaegan;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.avca4j.trainer.method.MethodContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small f-VAEGAN-D2 networks and inputs for the tests. */
final class TinyNetworks {

    private TinyNetworks() {}

    /** The published settings with narrow layers. */
    static FvaeganSettings settings(int latent, int hidden, Map<String, String> more) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("latent_size", Integer.toString(latent));
        o.put("ndh", Integer.toString(hidden));
        o.put("encoder_hidden", Integer.toString(hidden));
        o.put("decoder_hidden", Integer.toString(hidden));
        o.putAll(more);
        return FvaeganSettings.published(DatasetName.UCF).with(o);
    }

    /**
     * Tiny synthetic UCF-shaped data: 6 classes of 4 clips, audio and video widths 3 and 4, 5-d
     * class text, seed 2.
     *
     * @throws IOException if the generator fails
     */
    static Benchmark benchmark() throws IOException {
        return SyntheticBenchmark.builder()
                .setDataset(DatasetName.UCF)
                .optClasses(6)
                .optClipsPerClass(4)
                .optWidths(3, 4)
                .optTextDim(5)
                .optSeed(2)
                .build()
                .generate();
    }

    /** A network over audio/video/text widths with two training classes. */
    static FvaeganNetwork network(
            int audioDim, int videoDim, int textDim, FvaeganSettings s, DataType type, long seed) {
        float[] text = new float[2 * textDim];
        for (int i = 0; i < text.length; i++) {
            text[i] = 0.1f * (i + 1);
        }
        MethodContext context =
                new MethodContext(audioDim, videoDim, textDim, seed, new int[] {0, 1}, text);
        return new FvaeganNetwork(context, s, type);
    }

    /** A {@code [rows, cols]} array of the network's type holding {@code values}. */
    static INDArray array(FvaeganNetwork net, int rows, int cols, double... values) {
        return Nd4j.createFromArray(values).reshape(rows, cols).castTo(net.dataType());
    }

    /** A {@code [rows, cols]} array of N(0, 1) values. */
    static INDArray gaussian(FvaeganNetwork net, int rows, int cols, SplittableRandom random) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return array(net, rows, cols, v);
    }

    /** Sets a parameter to the given values (its shape is kept). */
    static void set(FvaeganNetwork net, String name, double... values) {
        INDArray p = net.parameters().get(name);
        p.assign(Nd4j.createFromArray(values).reshape(p.shape()).castTo(p.dataType()));
    }

    /** Sets every element of a parameter to 0. */
    static void zero(FvaeganNetwork net, String name) {
        net.parameters().get(name).assign(0);
    }

    static DataType doubles() {
        return DataType.DOUBLE;
    }
}
