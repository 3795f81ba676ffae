package org.avca4j.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.avca4j.sdk.card.DatasetName;

/** The shared real class splits, found through the system property {@code avgzsl.dir}. */
final class Avgzsl {

    private Avgzsl() {}

    static Path dir() {
        String p = System.getProperty("avgzsl.dir");
        if (p == null || !Files.isDirectory(Path.of(p))) {
            throw new IllegalStateException(
                    "System property avgzsl.dir ("
                            + p
                            + ") must name the folder of real class "
                            + "splits (shared/avgzsl beside the project); Surefire sets it");
        }
        return Path.of(p);
    }

    static Path dataset(DatasetName d) {
        return dir().resolve(d.folder());
    }
}
