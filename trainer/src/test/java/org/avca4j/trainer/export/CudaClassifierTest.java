package org.avca4j.trainer.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.avca4j.sdk.Device;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;
import org.avca4j.trainer.model.AvcaConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classification on CUDA device 0 agrees with the CPU. Needs a GPU and the onnxruntime_gpu
 * artifact: {@code mvn -Pgpu -pl trainer -am test -Dtest=CudaClassifierTest}.
 */
@Tag("gpu")
class CudaClassifierTest {

    @TempDir Path dir;

    @Test
    void cudaMatchesCpu() throws Exception {
        AvcaConfig cfg = AvcaConfig.defaults(512, 512);
        TestModels.Exported m = TestModels.export(dir, cfg, 20, 0.3, 17);
        float[][] audio = TestWeights.gaussianRows(64, cfg.audioDim(), 1);
        float[][] video = TestWeights.gaussianRows(64, cfg.videoDim(), 2);
        try (ZeroShotClassifier cpu = ZeroShotClassifier.builder().setModel(m.file()).build();
                ZeroShotClassifier gpu =
                        ZeroShotClassifier.builder()
                                .setModel(m.file())
                                .optDevice(Device.cuda(0))
                                .build()) {
            assertEquals(Device.cuda(0), gpu.device());
            float[][] a = cpu.embedBatch(audio, video);
            float[][] b = gpu.embedBatch(audio, video);
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[i].length; j++) {
                    worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
                }
            }
            assertTrue(worst <= 1e-3, "max |θv(cuda) − θv(cpu)| = " + worst);
            List<Prediction> pc = cpu.classifyBatch(audio, video);
            List<Prediction> pg = gpu.classifyBatch(audio, video);
            int same = 0;
            for (int i = 0; i < pc.size(); i++) {
                same += pc.get(i).label().equals(pg.get(i).label()) ? 1 : 0;
            }
            assertTrue(same >= pc.size() - 1, same + " of " + pc.size() + " predictions agree");
        }
    }
}
