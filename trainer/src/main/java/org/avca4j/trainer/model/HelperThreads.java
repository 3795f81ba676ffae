package org.avca4j.trainer.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The named daemon threads a network runs part of its step on. */
final class HelperThreads {

    private HelperThreads() {}

    /**
     * One daemon thread named {@code name}: it never keeps the JVM alive, and its owner shuts it
     * down when it closes.
     */
    static ExecutorService single(String name) {
        return Executors.newSingleThreadExecutor(
                r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
    }
}
