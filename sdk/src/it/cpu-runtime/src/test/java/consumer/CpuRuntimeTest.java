package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.avca4j.sdk.ZeroShotClassifier;
import org.junit.jupiter.api.Test;

/** What an application sees after adding only avca4j-sdk to its pom. */
class CpuRuntimeTest {

    @Test
    void theSdkBringsTheCpuRuntimeOfThePinnedVersion() throws Exception {
        String jar =
                OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String version = System.getProperty("expected.onnxruntime.version");
        assertTrue(jar.endsWith("/onnxruntime-" + version + ".jar"), jar);
        assertEquals(version, OrtEnvironment.getEnvironment().getVersion());
    }

    @Test
    void theSdkApiIsUsable() {
        assertThrows(
                NoSuchFileException.class,
                () -> ZeroShotClassifier.builder().setModel(Path.of("missing.onnx")).build());
    }
}
