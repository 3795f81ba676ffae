package org.avca4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * A small HTTP service around one shared {@link ZeroShotClassifier}, on the JDK's own {@link
 * HttpServer}, bound to 127.0.0.1 only.
 *
 * <ul>
 *   <li>{@code POST /classify} with {@code {"audio":[…], "video":[…]}} → one prediction {@code
 *       {"label", "role", "distance", "calibrated_distance", "top_k":[…]}}; with {@code
 *       {"clips":[{"audio":[…], "video":[…]}, …]}} → {@code {"predictions":[…]}}, classified in one
 *       model run;
 *   <li>{@code GET /classes} → the card's widths, β and the vocabulary with roles;
 *   <li>{@code GET /health} → {@code {"status":"ok"}}.
 * </ul>
 *
 * Bad input (malformed JSON, a wrong width, NaN or infinity) gets 400 and {@code {"error": "..."}};
 * a wrong method 405, an unknown path 404, a body over {@value #MAX_BODY_BYTES} bytes 413.
 *
 * <p>The classifier is thread-safe and one ONNX Runtime session serves every request thread, so the
 * request threads share it rather than each loading the model.
 */
public final class ClassifyServer {

    static final String USAGE =
            String.join(
                    System.lineSeparator(),
                    "Usage: ClassifyServer <model.onnx> <port> [threads]",
                    "  <model.onnx>  a model exported by avca4j (AvcaOnnxExporter)",
                    "  <port>        TCP port on 127.0.0.1; 0 picks a free one (printed at start)",
                    "  [threads]     request threads sharing the classifier (default 4)",
                    "Endpoints: POST /classify {\"audio\":[...],\"video\":[...]} or {\"clips\":[{\"audio\":[...],\"video\":[...]},...]},",
                    "           GET /classes, GET /health. Stop with Ctrl+C.");

    /** Largest request body read; a clip of the published widths is a few tens of KB of JSON. */
    static final int MAX_BODY_BYTES = 16 << 20;

    /**
     * How long {@link Handle#close()} waits for requests in progress, and then for the request
     * threads.
     */
    static final int DRAIN_SECONDS = 10;

    private ClassifyServer() {}

    /**
     * Starts the server and blocks until the JVM is asked to stop (Ctrl+C), then shuts down
     * cleanly.
     *
     * @param args see {@link #USAGE}
     */
    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        int port;
        int threads;
        try {
            port = Integer.parseInt(args[1]);
            threads = args.length == 3 ? Integer.parseInt(args[2]) : 4;
        } catch (NumberFormatException e) {
            System.err.println("error: port and threads must be integers: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Handle handle;
        try {
            handle = start(Path.of(args[0]), port, threads);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(handle::close, "classify-server-shutdown"));
        System.out.println(
                "Listening on http://127.0.0.1:"
                        + handle.port()
                        + " (POST /classify, GET /classes, GET /health)");
        handle.awaitClosed();
    }

    /**
     * Loads the model and starts serving.
     *
     * @param model the model file
     * @param port the port on 127.0.0.1, 0 for a free one (see {@link Handle#port()})
     * @param threads request threads, at least 1
     * @return the running server; close it to stop serving and free the model
     * @throws IllegalArgumentException if the port is outside 0..65535 or threads is below 1
     * @throws java.nio.file.NoSuchFileException if the model file does not exist
     * @throws org.avca4j.sdk.ModelFormatException if the file is not an avca4j model
     * @throws IOException if the model cannot be read or the port cannot be bound
     */
    public static Handle start(Path model, int port, int threads) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ZeroShotClassifier classifier = ZeroShotClassifier.builder().setModel(model).build();
        try {
            return new Handle(classifier, port, threads);
        } catch (IOException | RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /** A running server. {@link #close()} stops it and frees the model; idempotent. */
    public static final class Handle implements AutoCloseable {
        private final ZeroShotClassifier classifier;
        private final HttpServer server;
        private final ExecutorService executor;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Object inFlightLock = new Object();
        private int inFlight;

        private Handle(ZeroShotClassifier classifier, int port, int threads) throws IOException {
            this.classifier = classifier;
            this.server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            AtomicInteger count = new AtomicInteger();
            this.executor =
                    Executors.newFixedThreadPool(
                            threads,
                            r -> {
                                Thread t =
                                        new Thread(r, "classify-http-" + count.incrementAndGet());
                                t.setDaemon(true);
                                return t;
                            });
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        /** The port the server listens on (the chosen one when started with 0). Never throws. */
        public int port() {
            return server.getAddress().getPort();
        }

        /**
         * Blocks until {@link #close()} has finished; an interrupt is kept for the caller. Never
         * throws.
         */
        public void awaitClosed() {
            boolean interrupted = false;
            while (true) {
                try {
                    stopped.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Refuses new requests (503), lets those in progress finish (up to {@value
         * ClassifyServer#DRAIN_SECONDS} seconds), stops the server and its threads, then closes the
         * classifier. Never throws.
         */
        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                awaitClosed();
                return;
            }
            try {
                drain();
                // After draining nothing is in flight: stop(0) does not wait for the full delay,
                // which HttpServer.stop(n) would whenever no exchange ends after it is called.
                server.stop(0);
                executor.shutdown();
                try {
                    if (!executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                        executor.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    executor.shutdownNow();
                    Thread.currentThread().interrupt();
                }
                // Waits for any classification still running, then frees the native session.
                classifier.close();
            } finally {
                stopped.countDown();
            }
        }

        private void drain() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
            synchronized (inFlightLock) {
                while (inFlight > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(inFlightLock, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        /** Counts the exchange in, unless the server is closing. */
        private boolean enter() {
            synchronized (inFlightLock) {
                if (closed.get()) {
                    return false;
                }
                inFlight++;
                return true;
            }
        }

        private void exit() {
            synchronized (inFlightLock) {
                if (--inFlight == 0) {
                    inFlightLock.notifyAll();
                }
            }
        }

        private void handle(HttpExchange ex) {
            try (ex) {
                if (!enter()) {
                    send(ex, 503, ClassifyJson.error("the server is shutting down"));
                    return;
                }
                try {
                    route(ex);
                } catch (ClassifyJson.BadRequestException | IllegalArgumentException e) {
                    send(ex, 400, ClassifyJson.error(e.getMessage()));
                } catch (IllegalStateException e) {
                    // No candidate class is left (or the classifier was closed under us).
                    send(ex, 503, ClassifyJson.error(e.getMessage()));
                } catch (RuntimeException e) {
                    send(ex, 500, ClassifyJson.error("internal error: " + e));
                } finally {
                    exit();
                }
            } catch (IOException e) {
                // The client went away while we answered; nothing left to tell it.
            }
        }

        private void route(HttpExchange ex) throws IOException, ClassifyJson.BadRequestException {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (path) {
                case "/classify" -> {
                    if (!method.equals("POST")) {
                        methodNotAllowed(ex, "POST");
                        return;
                    }
                    byte[] body = readBody(ex);
                    if (body == null) {
                        return;
                    }
                    ClassifyJson.Clips clips = ClassifyJson.parseClips(body);
                    List<Prediction> predictions =
                            clips.batch()
                                    ? classifier.classifyBatch(clips.audio(), clips.video())
                                    : List.of(
                                            classifier.classify(
                                                    clips.audio()[0], clips.video()[0]));
                    send(ex, 200, ClassifyJson.predictions(predictions, clips.batch()));
                }
                case "/classes" -> {
                    if (method.equals("GET")) {
                        send(ex, 200, ClassifyJson.classes(classifier));
                    } else {
                        methodNotAllowed(ex, "GET");
                    }
                }
                case "/health" -> {
                    if (method.equals("GET")) {
                        send(ex, 200, ClassifyJson.MAPPER.createObjectNode().put("status", "ok"));
                    } else {
                        methodNotAllowed(ex, "GET");
                    }
                }
                default ->
                        send(
                                ex,
                                404,
                                ClassifyJson.error(
                                        "no such endpoint: "
                                                + path
                                                + " (POST /classify, GET /classes, GET /health)"));
            }
        }

        /** The request body, or null after answering 413 when it is too large. */
        private static byte[] readBody(HttpExchange ex) throws IOException {
            try (InputStream in = ex.getRequestBody()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    send(
                            ex,
                            413,
                            ClassifyJson.error("request body over " + MAX_BODY_BYTES + " bytes"));
                    return null;
                }
                return body;
            }
        }

        private static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
            ex.getResponseHeaders().set("Allow", allowed);
            send(
                    ex,
                    405,
                    ClassifyJson.error(
                            ex.getRequestMethod()
                                    + " is not allowed on "
                                    + ex.getRequestURI().getPath()
                                    + ", use "
                                    + allowed));
        }

        private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
            byte[] bytes = ClassifyJson.MAPPER.writeValueAsBytes(body);
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
