package org.avca4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The dropout masks of one pass: arrays of zeros and {@code 1/keep}, allocated once per batch size
 * and refilled in place from a given random stream, site after site in graph order.
 */
final class DropoutMasks {

    private final List<PassPlan.MaskSite> sites;
    private final DataType dataType;
    private final List<INDArray> arrays = new ArrayList<>();
    private int batchSize = -1;

    DropoutMasks(PassPlan pass, DataType dataType) {
        this.sites = pass.masks();
        this.dataType = dataType;
    }

    /** Draws fresh masks for a batch and puts them into {@code placeholders}. */
    void fill(int batch, Random random, Map<String, INDArray> placeholders) {
        if (batch != batchSize) {
            arrays.clear();
            for (PassPlan.MaskSite site : sites) {
                arrays.add(Nd4j.create(dataType, (long) site.rowsPerSample() * batch, site.width()));
            }
            batchSize = batch;
        }
        for (int i = 0; i < sites.size(); i++) {
            PassPlan.MaskSite site = sites.get(i);
            INDArray mask = arrays.get(i);
            double keep = 1.0 - site.dropout();
            Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep), random);
            mask.muli(1.0 / keep);
            placeholders.put(site.placeholder(), mask);
        }
    }
}
