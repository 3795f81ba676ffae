package org.avca4j.trainer.method.fvaegan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.method.LossTerms;
import org.avca4j.trainer.method.MethodContext;
import org.avca4j.trainer.training.ClassBalancedSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** A saved and reloaded network continues exactly as the original; a wrong file is refused. */
class FvaeganCheckpointTest {

    @Test
    void reloadedNetworkTakesTheSameNextStep(@TempDir Path dir) throws Exception {
        Benchmark b = TinyNetworks.benchmark();
        FvaeganSettings s = TinyNetworks.settings(4, 6, Map.of("batch_size", "4"));
        MethodContext context = MethodContext.of(b.stage1Train(), b.embeddings(), 1);
        ClassBalancedSampler sampler =
                new ClassBalancedSampler(b.stage1Train(), b.embeddings(), 4, 1);
        Path file = dir.resolve("fvaegan.ckpt");
        LossTerms expected;
        try (FvaeganNetwork net = new FvaeganNetwork(context, s, DataType.FLOAT)) {
            net.trainBatch(sampler.batch(0, 0), true, 1e-3, 10);
            net.trainBatch(sampler.batch(0, 1), false, 1e-3, 11);
            net.save(file);
            expected = net.trainBatch(sampler.batch(0, 2), true, 1e-3, 12);
        }
        MethodContext other = MethodContext.of(b.stage1Train(), b.embeddings(), 99);
        try (FvaeganNetwork net = new FvaeganNetwork(other, s, DataType.FLOAT)) {
            net.load(file);
            assertEquals(2, net.criticSteps());
            assertEquals(1, net.generatorSteps());
            LossTerms actual = net.trainBatch(sampler.batch(0, 2), true, 1e-3, 12);
            assertEquals(expected.terms(), actual.terms());
        }
        FvaeganSettings wider = TinyNetworks.settings(4, 7, Map.of("batch_size", "4"));
        try (FvaeganNetwork net = new FvaeganNetwork(context, wider, DataType.FLOAT)) {
            IOException e = assertThrows(IOException.class, () -> net.load(file));
            assertTrue(e.getMessage().contains("another architecture"), e.getMessage());
        }
    }
}
