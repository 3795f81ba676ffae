package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * BatchNorm in training and inference mode and its running statistics, against hand-computed
 * values.
 */
class BatchNormTest {

    // Two features over a batch of 3: means 3 and 6, biased variances 8/3 and 32/3, unbiased 4 and
    // 16.
    private static final double[][] X = {{1, 2}, {3, 6}, {5, 10}};
    private static final double EPS = 1e-5;

    @Test
    void trainingModeUsesBatchMeanAndBiasedVariance() {
        SameDiff sd = SameDiff.create();
        ParameterStore store = new ParameterStore(sd, DataType.DOUBLE, 1);
        BatchNormLayer bn = new BatchNormLayer(store, "bn", 2, 0.1);
        store.array("bn.gamma").assign(Nd4j.createFromArray(2.0, 1.0));
        store.array("bn.beta").assign(Nd4j.createFromArray(0.5, -1.0));
        PassPlan pass = new PassPlan(sd, DataType.DOUBLE, "t");
        bn.train(sd, sd.constant("x", Nd4j.createFromArray(X)), pass).rename("y");
        pass.finish();
        Map<String, INDArray> out = sd.output(Map.of(), "y", pass.statisticsOutput());
        INDArray stats = out.get(pass.statisticsOutput());
        INDArray batchMean = stats.get(NDArrayIndex.interval(0, 2));
        INDArray batchVar = stats.get(NDArrayIndex.interval(2, 4));

        double s0 = 2 / Math.sqrt(8.0 / 3 + EPS);
        double s1 = 1 / Math.sqrt(32.0 / 3 + EPS);
        double[] expected = {-2 * s0 + 0.5, -4 * s1 - 1, 0.5, -1, 2 * s0 + 0.5, 4 * s1 - 1};
        assertArrayEquals(expected, out.get("y").reshape(-1).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {3, 6}, batchMean.toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {8.0 / 3, 32.0 / 3}, batchVar.toDoubleVector(), 1e-12);

        // running: (1−0.1)·(0, 0) + 0.1·(3, 6); (1−0.1)·(1, 1) + 0.1·(4, 16) with the unbiased
        // variance
        bn.updateRunningStatistics(batchMean, batchVar, 3);
        assertArrayEquals(new double[] {0.3, 0.6}, store.array("bn.mean").toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1.3, 2.5}, store.array("bn.var").toDoubleVector(), 1e-12);
    }

    @Test
    void momentumIsTheWeightOfTheNewBatch() {
        SameDiff sd = SameDiff.create();
        ParameterStore store = new ParameterStore(sd, DataType.DOUBLE, 1);
        BatchNormLayer bn = new BatchNormLayer(store, "bn", 2, 0.99);
        bn.updateRunningStatistics(
                Nd4j.createFromArray(3.0, 6.0), Nd4j.createFromArray(8.0 / 3, 32.0 / 3), 3);
        assertArrayEquals(
                new double[] {0.99 * 3, 0.99 * 6}, store.array("bn.mean").toDoubleVector(), 1e-12);
        assertArrayEquals(
                new double[] {0.01 + 0.99 * 4, 0.01 + 0.99 * 16},
                store.array("bn.var").toDoubleVector(),
                1e-12);
    }

    @Test
    void inferenceModeUsesRunningStatistics() {
        SameDiff sd = SameDiff.create();
        ParameterStore store = new ParameterStore(sd, DataType.DOUBLE, 1);
        BatchNormLayer bn = new BatchNormLayer(store, "bn", 2, 0.1);
        store.array("bn.gamma").assign(Nd4j.createFromArray(2.0, 1.0));
        store.array("bn.beta").assign(Nd4j.createFromArray(0.5, -1.0));
        store.array("bn.mean").assign(Nd4j.createFromArray(1.0, -2.0));
        store.array("bn.var").assign(Nd4j.createFromArray(4.0, 0.25));
        bn.infer(sd, sd.constant("x", Nd4j.createFromArray(X))).rename("y");
        INDArray y = sd.output(Map.of(), "y").get("y");
        double s0 = 2 / Math.sqrt(4 + EPS);
        double s1 = 1 / Math.sqrt(0.25 + EPS);
        double[] expected = {
            0 * s0 + 0.5, 4 * s1 - 1, 2 * s0 + 0.5, 8 * s1 - 1, 4 * s0 + 0.5, 12 * s1 - 1
        };
        assertArrayEquals(expected, y.reshape(-1).toDoubleVector(), 1e-12);
    }
}
