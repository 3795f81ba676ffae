package org.avca4j.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File helpers shared by the pipeline and command tests. */
public final class TestFiles {

    private TestFiles() {}

    /** Copies a folder tree, e.g. a finished run folder, to compare a resumed run with it. */
    static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * Changes a checkpoint's network file in place the way silent damage would: same size, valid
     * header, the signs of 1024 floats from its middle flipped.
     *
     * @return the changed content
     */
    public static byte[] flipSigns(Path bin) throws IOException {
        byte[] bytes = Files.readAllBytes(bin);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 4096; i += 4) {
            bytes[i] ^= (byte) 0x80;
        }
        Files.write(bin, bytes);
        return bytes;
    }
}
