package org.avca4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.avca4j.sdk.ZeroShotClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classifiers of this JVM, one per (model digest, options): every task thread of an executor
 * shares it, since the SDK's classifier (one ONNX Runtime session) is thread-safe. Opened on first
 * use; all are closed by a JVM shutdown hook, when the executor ends.
 */
final class ExecutorClassifiers {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorClassifiers.class);

    /** Which model (SHA-256 of its bytes) with which options. */
    record Key(String modelDigest, ClassifierOptions options) implements java.io.Serializable {}

    private static final Map<Key, ZeroShotClassifier> OPEN = new ConcurrentHashMap<>();
    private static final AtomicLong OPENS = new AtomicLong();
    private static final AtomicLong LOOKUPS = new AtomicLong();

    static {
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(ExecutorClassifiers::closeAll, "avca4j-close-classifiers"));
    }

    private ExecutorClassifiers() {}

    /**
     * This JVM's classifier for the key, opened from {@code model} on first use (the bytes are only
     * fetched then).
     *
     * @throws IllegalArgumentException if the options do not fit the model
     * @throws UncheckedIOException if ONNX Runtime cannot read the model
     */
    static ZeroShotClassifier get(Key key, Supplier<byte[]> model) {
        LOOKUPS.incrementAndGet();
        return OPEN.computeIfAbsent(key, k -> open(k, model.get()));
    }

    private static ZeroShotClassifier open(Key key, byte[] model) {
        try {
            ZeroShotClassifier c = SdkBridge.open(model, key.options());
            long n = OPENS.incrementAndGet();
            LOG.info(
                    "Opened model {} in this JVM ({} classifier(s) opened so far)",
                    key.modelDigest(),
                    n);
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("model " + key.modelDigest() + ": " + e.getMessage(), e);
        }
    }

    /** Classifiers opened in this JVM so far. Never throws. */
    static long opens() {
        return OPENS.get();
    }

    /** Calls to {@link #get} so far (one per partition classified). Never throws. */
    static long lookups() {
        return LOOKUPS.get();
    }

    /** Closes every classifier of this JVM (the shutdown hook's job). Never throws. */
    static void closeAll() {
        for (Key k : OPEN.keySet()) {
            ZeroShotClassifier c = OPEN.remove(k);
            if (c != null) {
                c.close();
            }
        }
    }
}
