package org.avca4j.trainer.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The loss terms of {@link GraphLayers} ({@code mse}, {@code triplet}) with their gradients added
 * into given arrays, for {@link FusedAvcaNetwork}.
 */
final class FusedLosses {

    private FusedLosses() {}

    /**
     * {@code mean((a − b)²)} over all elements; adds its gradient into {@code da} and {@code db}
     * (either may be null: no gradient wanted).
     */
    static double mse(INDArray a, INDArray b, INDArray da, INDArray db) {
        INDArray d = a.sub(b);
        double n = d.length();
        double loss = d.mul(d).sumNumber().doubleValue() / n;
        d.muli(2.0 / n);
        if (da != null) {
            da.addi(d);
        }
        if (db != null) {
            db.subi(d);
        }
        return loss;
    }

    /**
     * PyTorch's TripletMarginLoss (margin 1, p 2, mean over rows) of {@link GraphLayers#triplet};
     * adds its gradient into {@code da}, {@code dp} and {@code dn}.
     */
    static double triplet(
            INDArray a, INDArray p, INDArray n, INDArray da, INDArray dp, INDArray dn) {
        long rows = a.rows();
        INDArray toPos = a.sub(p).addi(GraphLayers.TRIPLET_EPS);
        INDArray toNeg = a.sub(n).addi(GraphLayers.TRIPLET_EPS);
        INDArray normPos = toPos.norm2(1).reshape(rows, 1);
        INDArray normNeg = toNeg.norm2(1).reshape(rows, 1);
        INDArray hinge = normPos.sub(normNeg).addi(GraphLayers.TRIPLET_MARGIN);
        double loss = Transforms.relu(hinge, true).sumNumber().doubleValue() / rows;
        INDArray active = Transforms.step(hinge, false).divi(rows);
        INDArray gPos = toPos.muliColumnVector(active.div(normPos));
        INDArray gNeg = toNeg.muliColumnVector(active.divi(normNeg));
        da.addi(gPos).subi(gNeg);
        dp.subi(gPos);
        dn.addi(gNeg);
        return loss;
    }
}
