package org.avca4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * Both {@code GET} endpoints answer {@code HEAD} too. Bad input (malformed JSON, a wrong width, NaN
 * or infinity) gets 400 and {@code {"error": "..."}}; a wrong method 405, an unknown path 404, a
 * {@code /classify} body that is not declared {@code application/json} 415, a body over {@value
 * #MAX_BODY_BYTES} bytes 413, a client with too many requests in progress 429.
 *
 * <p>The classifier is thread-safe and one ONNX Runtime session serves every request, so the
 * requests share it rather than each loading the model; at most {@code threads} of them classify at
 * once.
 *
 * <p><b>Slow clients.</b> The JDK server reads a request on the thread that serves it and has no
 * read timeout of its own (only JVM-wide system properties read once, when its classes load), so a
 * few clients sending a byte a second would hold every thread. Here each request runs under {@link
 * Limits}: the head and body must arrive within {@link Limits#requestTimeout()} and the response be
 * taken in within {@link Limits#responseTimeout()}, or the connection is closed; connections are
 * served by {@link Limits#connectionThreads()} threads, more than any one client may use, since
 * each client address has at most {@link Limits#connectionsPerClient()} requests in progress (429
 * beyond). A client can be counted only once its head has been read, so a trickled head is bounded
 * by the request timeout alone.
 */
public final class ClassifyServer {

    static final String USAGE =
            String.join(
                    System.lineSeparator(),
                    "Usage: ClassifyServer <model.onnx> <port> [threads]",
                    "  <model.onnx>  a model exported by avca4j (AvcaOnnxExporter)",
                    "  <port>        TCP port on 127.0.0.1; 0 picks a free one (printed at start)",
                    "  [threads]     requests classified at once, sharing the classifier (default 4)",
                    "Endpoints: POST /classify {\"audio\":[...],\"video\":[...]} or {\"clips\":[{\"audio\":[...],\"video\":[...]},...]}",
                    "           (Content-Type: application/json), GET|HEAD /classes, GET|HEAD /health.",
                    "Stop with Ctrl+C.");

    /** Largest request body read; a clip of the published widths is a few tens of KB of JSON. */
    static final int MAX_BODY_BYTES = 16 << 20;

    /**
     * How long {@link Handle#close()} waits for requests in progress, and then for the request
     * threads.
     */
    static final int DRAIN_SECONDS = 10;

    private ClassifyServer() {}

    /**
     * What each client is allowed, so that slow or greedy clients cannot starve the others.
     *
     * @param requestTimeout the longest a client may take to send a request's head and body
     * @param responseTimeout the longest a client may take to take in a response
     * @param connectionsPerClient requests one client address may have in progress at once
     * @param connectionThreads threads serving connections (reading, classifying, writing); more
     *     than {@code connectionsPerClient}, so that no single client can hold them all
     */
    public record Limits(
            Duration requestTimeout,
            Duration responseTimeout,
            int connectionsPerClient,
            int connectionThreads) {

        /**
         * @throws IllegalArgumentException if a timeout is not positive, {@code
         *     connectionsPerClient} is below 1 or {@code connectionThreads} is not above it
         * @throws NullPointerException if a timeout is null
         */
        public Limits {
            if (requestTimeout.isNegative()
                    || requestTimeout.isZero()
                    || responseTimeout.isNegative()
                    || responseTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "timeouts must be positive, got request "
                                + requestTimeout
                                + ", response "
                                + responseTimeout);
            }
            if (connectionsPerClient < 1 || connectionThreads <= connectionsPerClient) {
                throw new IllegalArgumentException(
                        "need 1 <= connectionsPerClient < connectionThreads, got "
                                + connectionsPerClient
                                + " and "
                                + connectionThreads);
            }
        }

        /**
         * 10 s to send a request and 10 s to take in a response (a clip of the published widths is
         * a few tens of KB), 8 requests in progress per client, 32 connection threads.
         */
        public static Limits defaults() {
            return new Limits(Duration.ofSeconds(10), Duration.ofSeconds(10), 8, 32);
        }
    }

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
     * @throws java.net.BindException if the port cannot be bound (in use, or not permitted); the
     *     message names the port
     * @throws IOException if the model cannot be read
     */
    public static Handle start(Path model, int port, int threads) throws IOException {
        return start(model, port, threads, Limits.defaults());
    }

    /**
     * Loads the model and starts serving under the given limits.
     *
     * @param model the model file
     * @param port the port on 127.0.0.1, 0 for a free one (see {@link Handle#port()})
     * @param threads requests classified at once, at least 1
     * @param limits what each client is allowed
     * @return the running server; close it to stop serving and free the model
     * @throws IllegalArgumentException if the port is outside 0..65535 or threads is below 1
     * @throws java.nio.file.NoSuchFileException if the model file does not exist
     * @throws org.avca4j.sdk.ModelFormatException if the file is not an avca4j model
     * @throws java.net.BindException if the port cannot be bound (in use, or not permitted); the
     *     message names the port
     * @throws IOException if the model cannot be read
     */
    public static Handle start(Path model, int port, int threads, Limits limits)
            throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ZeroShotClassifier classifier = ZeroShotClassifier.builder().setModel(model).build();
        try {
            return new Handle(classifier, port, threads, limits);
        } catch (IOException | RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    /** A running server. {@link #close()} stops it and frees the model; idempotent. */
    public static final class Handle implements AutoCloseable {
        private final ZeroShotClassifier classifier;
        private final HttpServer server;
        private final ExchangeDeadlines deadlines;
        private final ClientSlots slots;
        private final Semaphore classifying;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final Object inFlightLock = new Object();
        private int inFlight;

        private Handle(ZeroShotClassifier classifier, int port, int threads, Limits limits)
                throws IOException {
            this.classifier = classifier;
            InetAddress loopback = InetAddress.getLoopbackAddress();
            try {
                this.server = HttpServer.create(new InetSocketAddress(loopback, port), 0);
            } catch (BindException e) {
                BindException named =
                        new BindException(
                                "cannot listen on "
                                        + loopback.getHostAddress()
                                        + " port "
                                        + port
                                        + ": "
                                        + e.getMessage()
                                        + " (choose another port, or 0 for a free one)");
                named.initCause(e);
                throw named;
            }
            this.deadlines =
                    new ExchangeDeadlines(
                            limits.connectionThreads(),
                            limits.requestTimeout(),
                            limits.responseTimeout());
            this.slots = new ClientSlots(limits.connectionsPerClient());
            this.classifying = new Semaphore(threads);
            server.setExecutor(deadlines.executor());
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
                deadlines.shutdown(Duration.ofSeconds(DRAIN_SECONDS));
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

        /** Exchanges on a connection thread now, slow ones included (for tests). */
        int busyConnections() {
            return deadlines.busy();
        }

        /** Requests {@code client} has in progress now (for tests). */
        int requestsInProgress(InetAddress client) {
            return slots.held(client);
        }

        private void handle(HttpExchange ex) {
            InetAddress client = ex.getRemoteAddress().getAddress();
            try (ex) {
                if (!enter()) {
                    send(ex, 503, ClassifyJson.error("the server is shutting down"));
                    return;
                }
                if (!slots.tryAcquire(client)) {
                    exit();
                    ex.getResponseHeaders().set("Connection", "close");
                    send(
                            ex,
                            429,
                            ClassifyJson.error(
                                    "too many requests in progress from "
                                            + client.getHostAddress()
                                            + " (at most "
                                            + slots.perClient()
                                            + " at once)"));
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
                    slots.release(client);
                    exit();
                }
            } catch (IOException e) {
                // The client went away, or was cut off at a deadline; nothing left to tell it.
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
                    String type = ex.getRequestHeaders().getFirst("Content-Type");
                    if (!isJson(type)) {
                        send(
                                ex,
                                415,
                                ClassifyJson.error(
                                        "the body must be JSON (Content-Type: application/json,"
                                                + " UTF-8), got "
                                                + (type == null
                                                        ? "no Content-Type"
                                                        : "Content-Type '" + type + "'")));
                        return;
                    }
                    byte[] body = readBody(ex);
                    if (body == null) {
                        return;
                    }
                    ClassifyJson.Clips clips = ClassifyJson.parseClips(body);
                    send(ex, 200, ClassifyJson.predictions(classify(clips), clips.batch()));
                }
                case "/classes" -> {
                    if (isGetOrHead(method)) {
                        send(ex, 200, ClassifyJson.classes(classifier));
                    } else {
                        methodNotAllowed(ex, "GET, HEAD");
                    }
                }
                case "/health" -> {
                    if (isGetOrHead(method)) {
                        send(ex, 200, ClassifyJson.MAPPER.createObjectNode().put("status", "ok"));
                    } else {
                        methodNotAllowed(ex, "GET, HEAD");
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

        /**
         * Classifies with at most {@code threads} requests at once. The client's request is read in
         * full, so its deadline is off while the model runs and the response deadline starts after.
         */
        private List<Prediction> classify(ClassifyJson.Clips clips) {
            deadlines.requestRead();
            classifying.acquireUninterruptibly();
            try {
                return clips.batch()
                        ? classifier.classifyBatch(clips.audio(), clips.video())
                        : List.of(classifier.classify(clips.audio()[0], clips.video()[0]));
            } finally {
                classifying.release();
                deadlines.responding();
            }
        }

        private static boolean isGetOrHead(String method) {
            return method.equals("GET") || method.equals("HEAD");
        }

        /**
         * {@code application/json}, with no charset or UTF-8 (JSON's only encoding, RFC 8259), case
         * and spaces aside.
         */
        static boolean isJson(String contentType) {
            if (contentType == null) {
                return false;
            }
            String[] parts = contentType.split(";");
            if (!parts[0].trim().equalsIgnoreCase("application/json")) {
                return false;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv[0].trim().equalsIgnoreCase("charset")
                        && (kv.length < 2
                                || !kv[1].trim()
                                        .replace("\"", "")
                                        .toLowerCase(Locale.ROOT)
                                        .equals("utf-8"))) {
                    return false;
                }
            }
            return true;
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
            if (ex.getRequestMethod().equals("HEAD")) {
                // The headers a GET would get, no body (-1: none follows).
                ex.sendResponseHeaders(status, -1);
                return;
            }
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
