package org.avca4j.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avca4j.trainer.method.avca.AvcaMethod;
import org.avca4j.trainer.method.avca.AvcaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AVCA trained as a method ({@link Trainer.Builder#setMethod}) gives the run of the AVCA builder
 * (network factory and architecture): same result, same spec, same files.
 */
class AvcaMethodRunTest {

    @TempDir Path legacy;

    @TempDir Path method;

    @Test
    void theMethodPathAndTheArchitecturePathGiveTheSameRun() throws Exception {
        ProtocolResult a =
                new ProtocolRunner(ScriptedProtocol.trainer(TrainingListener.NONE))
                        .run(ScriptedProtocol.benchmark(), legacy);
        TrainingConfig config = ScriptedProtocol.trainingConfig();
        Trainer trainer =
                Trainer.builder()
                        .setMethod(
                                new AvcaMethod(
                                        (model, seed, wd) ->
                                                new FakeNetwork(
                                                        model,
                                                        seed,
                                                        config.batchesPerEpoch(),
                                                        ScriptedProtocol.SCRIPT)),
                                AvcaSettings.of(FakeNetwork.smallConfig()))
                        .setTrainingConfig(config)
                        .build();
        ProtocolResult b = new ProtocolRunner(trainer).run(ScriptedProtocol.benchmark(), method);
        assertEquals(a.withoutTiming(), b.withoutTiming());
        assertEquals(ScriptedProtocol.BEST_EPOCH, b.testEpoch());
        assertEquals("avca", b.spec().method());
        assertEquals(FakeNetwork.smallConfig(), b.spec().model());
        assertEquals(
                sidecarWithoutTiming(legacy), sidecarWithoutTiming(method), "the checkpoint state");
    }

    private static String sidecarWithoutTiming(Path folder) throws Exception {
        return Files.readString(folder.resolve("stage2/checkpoint-epoch-001.json"))
                .replaceAll("\"(seconds|sha256)\" : [^,\\n]*", "");
    }
}
