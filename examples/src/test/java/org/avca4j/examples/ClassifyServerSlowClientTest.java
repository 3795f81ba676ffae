package org.avca4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that send a byte now and then, in the head or in the body, against the server's limits.
 * Every connection goes to the loopback address; at most four slow clients, each stopped when its
 * test ends.
 */
class ClassifyServerSlowClientTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Long enough that no slow client of a test is cut off while the test runs. */
    private static final Duration PATIENT = Duration.ofSeconds(120);

    @TempDir Path dir;
    private ExampleModel.Exported model;
    private ClassifyServer.Handle server;
    private final List<SlowClient> slowClients = new ArrayList<>();
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    @BeforeEach
    void export() throws IOException {
        model = ExampleModel.export(dir);
    }

    @AfterEach
    void stop() {
        slowClients.forEach(SlowClient::close);
        if (server != null) {
            server.close();
        }
    }

    /**
     * As many slow clients as request threads (two in the head, two in the body) hold their
     * connections while another client is served; with the old server (one thread per request
     * thread, no deadline) that client waited as long as they liked.
     */
    @Test
    void slowClientsDoNotStarveTheOthers() throws Exception {
        server =
                ClassifyServer.start(
                        model.file(), 0, 4, new ClassifyServer.Limits(PATIENT, PATIENT, 6, 16));
        slowClients.add(SlowClient.inHead(server.port()));
        slowClients.add(SlowClient.inHead(server.port()));
        slowClients.add(SlowClient.inBody(server.port()));
        slowClients.add(SlowClient.inBody(server.port()));
        awaitValue(4, server::busyConnections, "slow clients on connection threads");

        assertEquals(200, send(get("/health")).statusCode());
        HttpResponse<String> classified = send(classifyRequest());
        assertEquals(200, classified.statusCode(), classified.body());
        assertTrue(JSON.readTree(classified.body()).has("label"), classified.body());

        awaitValue(4, server::busyConnections, "the slow clients still being read");
        for (SlowClient slow : slowClients) {
            assertTrue(slow.isOpen(), "no slow client was cut off before its deadline");
        }
    }

    /** A client that is still sending its head or body at the request timeout is cut off. */
    @Test
    void aClientStillSendingAtTheRequestTimeoutIsCutOff() throws Exception {
        server =
                ClassifyServer.start(
                        model.file(),
                        0,
                        4,
                        new ClassifyServer.Limits(Duration.ofSeconds(1), PATIENT, 6, 16));
        SlowClient head = SlowClient.inHead(server.port());
        SlowClient body = SlowClient.inBody(server.port());
        slowClients.add(head);
        slowClients.add(body);

        assertClosedByServer(head);
        assertClosedByServer(body);
        awaitValue(0, server::busyConnections, "connection threads in use");
        assertEquals(200, send(get("/health")).statusCode());
    }

    /** Beyond its requests in progress, a client gets 429 until one of them ends. */
    @Test
    void requestsInProgressPerClientAreBounded() throws Exception {
        server =
                ClassifyServer.start(
                        model.file(), 0, 4, new ClassifyServer.Limits(PATIENT, PATIENT, 2, 16));
        SlowClient first = SlowClient.inBody(server.port());
        SlowClient second = SlowClient.inBody(server.port());
        slowClients.add(first);
        slowClients.add(second);
        awaitValue(2, () -> server.requestsInProgress(LOOPBACK), "requests in progress");

        HttpResponse<String> refused = send(get("/health"));
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals(
                "too many requests in progress from "
                        + LOOPBACK.getHostAddress()
                        + " (at most 2 at once)",
                JSON.readTree(refused.body()).get("error").asText());

        first.close();
        awaitValue(1, () -> server.requestsInProgress(LOOPBACK), "requests in progress");
        assertEquals(200, send(get("/health")).statusCode());
    }

    private static void assertClosedByServer(SlowClient slow) throws IOException {
        try {
            // The server sends nothing before closing: end of stream, or a reset.
            assertEquals(-1, slow.readWithin(Duration.ofSeconds(30)));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a slow client past its request timeout", e);
        } catch (IOException reset) {
            // Closed with unread data: a reset is as good as an end of stream.
        }
    }

    /** Polls until {@code actual} gives {@code expected}; fails after 20 s rather than hang. */
    private static void awaitValue(int expected, IntSupplier actual, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (actual.getAsInt() != expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(
                        what + ": expected " + expected + ", still " + actual.getAsInt());
            }
            Thread.sleep(20);
        }
    }

    private HttpRequest classifyRequest() {
        String body = ExampleModel.clipJson(new Random(5));
        return HttpRequest.newBuilder(uri("/classify"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://" + LOOPBACK.getHostAddress() + ":" + server.port() + path);
    }

    /** A connection that sends a prefix, then one byte every 250 ms until closed. */
    private static final class SlowClient implements AutoCloseable {
        private final Socket socket;
        private final Thread trickle;

        private SlowClient(int port, String prefix, byte filler) throws IOException {
            socket = new Socket(LOOPBACK, port);
            OutputStream out = socket.getOutputStream();
            out.write(prefix.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            trickle =
                    new Thread(
                            () -> {
                                try {
                                    while (!Thread.currentThread().isInterrupted()) {
                                        Thread.sleep(250);
                                        out.write(filler);
                                        out.flush();
                                    }
                                } catch (InterruptedException | IOException e) {
                                    // Stopped, or the server closed the connection.
                                }
                            },
                            "slow-client");
            trickle.setDaemon(true);
            trickle.start();
        }

        /** Still sending its head: the header value never ends. */
        static SlowClient inHead(int port) throws IOException {
            return new SlowClient(
                    port, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ", (byte) 'a');
        }

        /** Head sent in full, a JSON body of 100,000 bytes announced, then spaces. */
        static SlowClient inBody(int port) throws IOException {
            return new SlowClient(
                    port,
                    "POST /classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100000\r\n\r\n{",
                    (byte) ' ');
        }

        /** The next byte from the server, or -1 at the end of the stream. */
        int readWithin(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            return in.read();
        }

        boolean isOpen() {
            return trickle.isAlive();
        }

        @Override
        public void close() {
            trickle.interrupt();
            try {
                socket.close();
                trickle.join(5_000);
            } catch (IOException | InterruptedException e) {
                // Closing a test socket; nothing to recover.
            }
        }
    }
}
