package org.avca4j.trainer.io;

import java.nio.file.Path;

/** Holds an {@link OutputFolder} lock in a second JVM until its standard input closes. */
public final class LockHolder {

    private LockHolder() {}

    /**
     * @param args the folder to lock
     */
    public static void main(String[] args) throws Exception {
        try (OutputFolder lock = OutputFolder.lock(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close the pipe
            }
        }
    }
}
