package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avca4j.trainer.data.Benchmark;
import org.avca4j.trainer.io.DamagedFileException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged checkpoint is named, and the stage resumes from the last intact one before it, ending
 * as the undamaged run: the fake network's state is a digest of every step it took.
 */
class DamagedCheckpointTest {

    @TempDir Path expectedFolder;

    @TempDir Path folder;

    private final Benchmark benchmark = ScriptedProtocol.benchmark();

    private ProtocolResult expected;

    /** Epochs trained by the last {@link #run}, as "stage:epoch". */
    private final List<String> trained = new ArrayList<>();

    @BeforeEach
    void runOnce() throws Exception {
        expected =
                new ProtocolRunner(ScriptedProtocol.trainer(TrainingListener.NONE))
                        .run(benchmark, expectedFolder);
        run();
        assertEquals(14, trained.size());
    }

    private ProtocolResult run() throws Exception {
        trained.clear();
        TrainingListener recording =
                new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochRecord r) {
                        trained.add(r.stage().id() + ":" + r.epoch());
                    }
                };
        return new ProtocolRunner(ScriptedProtocol.trainer(recording)).run(benchmark, folder);
    }

    @Test
    void aChangedStage2NetworkFileIsRetrainedFromThePreviousEpoch() throws Exception {
        int testEpoch = expected.testEpoch();
        Path bin = folder.resolve(String.format("stage2/checkpoint-epoch-%03d.bin", testEpoch));
        byte[] bytes = Files.readAllBytes(bin);
        bytes[8] ^= (byte) 0x80; // one bit of the fake's weights: same size, still readable
        Files.write(bin, bytes);

        DamagedFileException e =
                assertThrows(
                        DamagedFileException.class,
                        () ->
                                ScriptedProtocol.trainer(TrainingListener.NONE)
                                        .openCheckpoint(folder, Stage.STAGE_2, testEpoch));
        assertEquals(bin, e.file());
        assertTrue(
                e.getMessage().contains(bin + " is damaged: its content has SHA-256"),
                e.getMessage());

        ProtocolResult resumed = run();
        List<String> again = new ArrayList<>();
        for (int epoch = testEpoch; epoch < ScriptedProtocol.EPOCHS; epoch++) {
            again.add("stage2:" + epoch);
        }
        assertEquals(again, trained, "stage 2 resumes after the epoch before the damaged one");
        assertEquals(expected.withoutTiming(), resumed.withoutTiming());
    }

    @Test
    void aChangedSidecarIsDamageToo() throws Exception {
        Path json = folder.resolve("stage2/checkpoint-epoch-002.json");
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(json.toFile());
        tree.put("bestEpoch", tree.get("bestEpoch").asInt() + 1); // a valid, wrong value
        Json.write(json, tree);

        ProtocolResult resumed = run();
        assertEquals("stage2:2", trained.get(0));
        assertEquals(ScriptedProtocol.EPOCHS - 2, trained.size());
        assertEquals(expected.withoutTiming(), resumed.withoutTiming());

        Files.writeString(json, "{\"format\": 2, \"stage\": ");
        run();
        assertEquals("stage2:2", trained.get(0), "JSON that does not parse is damage");
    }

    @Test
    void withoutAnIntactCheckpointTheStageStartsAgain() throws Exception {
        // Stage 1 keeps its best and its last epoch; the best is damaged.
        int best = expected.stage1().bestEpoch();
        Path bin = folder.resolve(String.format("stage1/checkpoint-epoch-%03d.bin", best));
        Files.write(bin, new byte[Files.readAllBytes(bin).length]);
        ProtocolResult resumed = run();
        assertEquals("stage1:0", trained.get(0));
        assertEquals(ScriptedProtocol.EPOCHS, trained.size(), "stage 1 only; stage 2 is intact");
        assertEquals(expected.withoutTiming(), resumed.withoutTiming());
    }

    @Test
    void sidecarsWithoutDigestsOfEarlierVersionsAreStillResumed() throws Exception {
        for (int epoch = 0; epoch < ScriptedProtocol.EPOCHS; epoch++) {
            Path json = folder.resolve(String.format("stage2/checkpoint-epoch-%03d.json", epoch));
            ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(json.toFile());
            tree.remove(CheckpointStore.DIGEST_FIELD);
            tree.remove("networkSha256");
            tree.put("format", CheckpointState.FORMAT_WITHOUT_DIGESTS);
            Json.write(json, tree);
        }
        ProtocolResult again = run();
        assertEquals(List.of(), trained);
        assertEquals(expected.withoutTiming(), again.withoutTiming());
    }
}
