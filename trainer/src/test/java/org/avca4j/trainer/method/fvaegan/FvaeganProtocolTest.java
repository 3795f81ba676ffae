package org.avca4j.trainer.method.fvaegan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.testing.ShortTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole protocol on small synthetic UCF-shaped data with a reduced schedule (narrow layers,
 * syn_num 50, 4 GAN epochs, 10 classifier epochs).
 */
class FvaeganProtocolTest {

    private static final Logger LOG = LoggerFactory.getLogger(FvaeganProtocolTest.class);

    private static Benchmark benchmark;

    @BeforeAll
    static void data() throws Exception {
        benchmark = ShortTraining.smallUcf();
    }

    private static FvaeganSettings reduced(Map<String, String> more) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("syn_num", "50");
        o.put("nepoch", "4");
        o.put("nepoch_classifier", "10");
        o.put("n_batches", "25");
        o.putAll(more);
        return TinyNetworks.settings(30, 32, o);
    }

    @Test
    void stage1SelectionReportsTestAtTheValidationEpochs(@TempDir Path dir) throws Exception {
        FvaeganResult r = FvaeganProtocol.run(benchmark, reduced(Map.of()), dir, 7);
        log("reference-break, stage1-validation", r);
        assertAboveTwiceChance(r);
        assertEquals(EpochSelection.STAGE1_VALIDATION, r.selection());
        assertEquals(4, r.stage1().size());
        // Stage 2 is trained to the chosen epoch and evaluated there only.
        assertEquals(1, r.stage2().size());
        assertEquals(r.validationEpoch(), r.testEpoch());
        assertEquals(r.validationEpoch(), r.stage2().get(0).epoch());
        assertEquals(r.stage1().get(r.validationEpoch()).gzslEpoch(), r.testGzslEpoch());
        assertEquals(r.stage1().get(r.validationEpoch()).zslEpoch(), r.testZslEpoch());
        Figures t = r.test();
        assertEquals(2 * t.seen() * t.unseen() / (t.seen() + t.unseen()), t.harmonicMean(), 1e-12);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(FvaeganResult.FILE_NAME).toFile());
        assertEquals("stage1-validation", json.get("selection").asText());
        assertEquals("reference-break", json.get("schedule").asText());
        for (String key : new String[] {"validation", "test", "stage1", "stage2", "testEpoch"}) {
            assertTrue(json.has(key), key);
        }
    }

    @Test
    void fixAndTestSetSelectionLearn(@TempDir Path dir) throws Exception {
        FvaeganResult r =
                FvaeganProtocol.run(
                        benchmark,
                        reduced(
                                Map.of(
                                        "schedule",
                                        "all-batches",
                                        "selection",
                                        "test-set-reference")),
                        dir,
                        7);
        log("all-batches, test-set-reference", r);
        assertAboveTwiceChance(r);
        assertEquals(4, r.stage2().size());
        double[] h = r.stage2().stream().mapToDouble(e -> e.best().harmonicMean()).toArray();
        assertEquals(BestRule.FIRST_MAXIMUM.best(h), r.testEpoch());
        assertEquals(h[r.testEpoch()], r.test().harmonicMean(), 0);
    }

    private static void assertAboveTwiceChance(FvaeganResult r) {
        ShortTraining.assertTwiceChance(benchmark, r.validation().harmonicMean(), "f-VAEGAN-D2");
    }

    private static void log(String what, FvaeganResult r) {
        LOG.info(
                "{}: validation {} at GAN epoch {}; test {}",
                what,
                r.validation(),
                r.validationEpoch(),
                r.test());
    }
}
