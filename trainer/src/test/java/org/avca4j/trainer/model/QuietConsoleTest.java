package org.avca4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A library never writes to the console: building a network and training it print nothing. */
class QuietConsoleTest {

    @Test
    void buildingAndSteppingWriteNothingToSystemOut() {
        AvcaConfig c = TestBatches.tiny(0.2, 0.3, 0.5, 0.1);
        TrainingBatch b = TestBatches.batch(c, 4, 3);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(c, 1)) {
            net.step(b, 1e-3, 1);
            net.step(b, 1e-3, 2);
            net.embedVideo(b.audio(), b.video(), 4);
            net.embedText(b.text(), 4);
        } finally {
            System.setOut(original);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSwapIsUndoneAfterTheBuild() {
        PrintStream original = System.out;
        try (SameDiffAvcaNetwork net = SameDiffAvcaNetwork.create(TestBatches.tiny(), 1)) {
            assertEquals(original, System.out);
        }
    }
}
