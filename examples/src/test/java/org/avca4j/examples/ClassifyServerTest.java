package org.avca4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int A = ExampleModel.CONFIG.audioDim();
    private static final int V = ExampleModel.CONFIG.videoDim();

    private static final ClassifyServer.Limits LIMITS =
            new ClassifyServer.Limits(Duration.ofSeconds(30), Duration.ofSeconds(30), 32, 40);

    @TempDir Path dir;
    private ExampleModel.Exported model;
    private ClassifyServer.Handle server;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
    private final Random random = new Random(21);

    @BeforeEach
    void start() throws IOException {
        model = ExampleModel.export(dir);
        // All requests come from one address: allow the 24 concurrent ones of the tests below.
        server = ClassifyServer.start(model.file(), 0, 4, LIMITS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * 20 single-clip and 4 three-clip requests at once, each answered as a direct SDK call would
     * be.
     */
    @Test
    void concurrentRequestsGiveTheSdkResults() throws Exception {
        List<float[][]> audios = new ArrayList<>();
        List<float[][]> videos = new ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int r = 0; r < 24; r++) {
            int clips = r < 20 ? 1 : 3;
            float[][] a = ExampleModel.gaussianRows(clips, A, random);
            float[][] v = ExampleModel.gaussianRows(clips, V, random);
            audios.add(a);
            videos.add(v);
            ObjectNode body = JSON.createObjectNode();
            if (clips == 1) {
                body.set("audio", JSON.valueToTree(a[0]));
                body.set("video", JSON.valueToTree(v[0]));
            } else {
                ArrayNode list = body.putArray("clips");
                for (int i = 0; i < clips; i++) {
                    ObjectNode clip = list.addObject();
                    clip.set("audio", JSON.valueToTree(a[i]));
                    clip.set("video", JSON.valueToTree(v[i]));
                }
            }
            responses.add(
                    client.sendAsync(
                            post("/classify", JSON.writeValueAsString(body)),
                            HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(responses.toArray(new CompletableFuture<?>[0])).join();

        try (ZeroShotClassifier direct =
                ZeroShotClassifier.builder().setModel(model.file()).build()) {
            for (int r = 0; r < 24; r++) {
                HttpResponse<String> response = responses.get(r).get();
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(
                        response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/json"));
                JsonNode json = JSON.readTree(response.body());
                if (r < 20) {
                    assertSame(
                            direct.classify(audios.get(r)[0], videos.get(r)[0]),
                            json,
                            "request " + r);
                } else {
                    List<Prediction> expected = direct.classifyBatch(audios.get(r), videos.get(r));
                    assertEquals(expected.size(), json.get("predictions").size());
                    for (int i = 0; i < expected.size(); i++) {
                        assertSame(
                                expected.get(i),
                                json.get("predictions").get(i),
                                "request " + r + " clip " + i);
                    }
                }
            }
        }
    }

    @Test
    void classesAndHealth() throws Exception {
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/health")).GET().build());
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).get("status").asText());

        HttpResponse<String> classes = send(HttpRequest.newBuilder(uri("/classes")).GET().build());
        assertEquals(200, classes.statusCode());
        JsonNode json = JSON.readTree(classes.body());
        assertEquals(A, json.get("audio_dim").asInt());
        assertEquals(V, json.get("video_dim").asInt());
        assertEquals(ExampleModel.BETA, json.get("beta").asDouble());
        List<ModelCard.CardClass> card = model.card().classes();
        assertEquals(card.size(), json.get("classes").size());
        for (int i = 0; i < card.size(); i++) {
            assertEquals(card.get(i).name(), json.get("classes").get(i).get("name").asText());
            assertEquals(
                    card.get(i).role().name(), json.get("classes").get(i).get("role").asText());
        }
    }

    @Test
    void badInputGets400WithTheReason() throws Exception {
        String audio = JSON.writeValueAsString(ExampleModel.gaussianRows(1, A, random)[0]);
        String video = JSON.writeValueAsString(ExampleModel.gaussianRows(1, V, random)[0]);
        String narrow = JSON.writeValueAsString(ExampleModel.gaussianRows(1, A - 1, random)[0]);
        assertError(
                400,
                "wrong audio feature width for clip 0: expected " + A + ", got " + (A - 1),
                post("/classify", "{\"audio\":" + narrow + ",\"video\":" + video + "}"));
        String withNan =
                video.replaceFirst("^\\[([^,]*),([^,]*),([^,]*),([^,]*),", "[$1,$2,$3,NaN,");
        assertError(
                400,
                "video features of clip 0 hold NaN at index 3: inputs must be finite",
                post("/classify", "{\"audio\":" + audio + ",\"video\":" + withNan + "}"));
        assertError(
                400,
                "audio features of clip 1 hold Infinity at index 0: inputs must be finite",
                post(
                        "/classify",
                        "{\"clips\":[{\"audio\":"
                                + audio
                                + ",\"video\":"
                                + video
                                + "},{\"audio\":"
                                + audio.replaceFirst("^\\[[^,]*,", "[1e60,")
                                + ",\"video\":"
                                + video
                                + "}]}"));
        assertError(400, "malformed JSON", post("/classify", "{\"audio\":[1,2"));
        assertError(
                400,
                "audio[1] is \"x\", expected a number",
                post("/classify", "{\"audio\":[1,\"x\"],\"video\":[1]}"));
        assertError(
                400,
                "the request has the unknown field 'text'",
                post("/classify", "{\"audio\":[1],\"video\":[1],\"text\":[1]}"));
        assertError(400, "'clips' must be a non-empty array", post("/classify", "{\"clips\":[]}"));
    }

    @Test
    void wrongMethodGets405AndUnknownPath404() throws Exception {
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/classify")).GET().build());
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertTrue(
                JSON.readTree(get.body())
                        .get("error")
                        .asText()
                        .contains("GET is not allowed on /classify"));
        HttpResponse<String> postHealth = send(post("/health", "{}"));
        assertEquals(405, postHealth.statusCode());
        assertEquals("GET, HEAD", postHealth.headers().firstValue("Allow").orElse(""));
        assertEquals(404, send(HttpRequest.newBuilder(uri("/predict")).GET().build()).statusCode());
    }

    @Test
    void closeStopsServingAndIsIdempotent() throws Exception {
        assertEquals(200, send(HttpRequest.newBuilder(uri("/health")).GET().build()).statusCode());
        server.close();
        server.close();
        assertThrows(
                IOException.class,
                () -> send(HttpRequest.newBuilder(uri("/health")).GET().build()));
    }

    /**
     * Requests racing a close get an answer (200 or 503) or a refused connection, never a 500 or a
     * hang.
     */
    @Test
    void closeDuringRequestsDrainsThem() throws Exception {
        String body = ExampleModel.clipJson(random);
        // Once, a request racing the JDK HttpServer's stop() got no answer and no closed
        // connection, and the client waited for ever (the suite hung). A client's own request
        // timeout ends such a request with an IOException, which counts as refused here.
        HttpRequest request =
                HttpRequest.newBuilder(post("/classify", body), (name, value) -> true)
                        .timeout(Duration.ofSeconds(15))
                        .build();
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int r = 0; r < 16; r++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        long t0 = System.nanoTime();
        server.close();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "close took over 5 s");
        for (CompletableFuture<HttpResponse<String>> f : responses) {
            try {
                int status = f.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode();
                assertTrue(status == 200 || status == 503, "status " + status);
            } catch (java.util.concurrent.ExecutionException e) {
                assertTrue(e.getCause() instanceof IOException, e.toString());
            }
        }
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        for (String path : List.of("/health", "/classes")) {
            HttpResponse<String> head =
                    send(
                            HttpRequest.newBuilder(uri(path))
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .build());
            assertEquals(200, head.statusCode(), path);
            assertEquals("", head.body(), path);
            assertTrue(
                    head.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/json"),
                    path);
        }
    }

    @Test
    void classifyRefusesABodyThatIsNotDeclaredJson() throws Exception {
        String body = ExampleModel.clipJson(random);
        assertError(415, "got Content-Type 'text/plain'", postAs("text/plain", body));
        assertError(
                415,
                "got Content-Type 'application/json; charset=latin1'",
                postAs("application/json; charset=latin1", body));
        assertError(415, "got no Content-Type", postAs(null, body));
        HttpResponse<String> ok = send(postAs("Application/JSON; Charset=\"UTF-8\"", body));
        assertEquals(200, ok.statusCode(), ok.body());
    }

    @Test
    void aUsedPortIsNamed() {
        int port = server.port();
        java.net.BindException e =
                assertThrows(
                        java.net.BindException.class,
                        () -> ClassifyServer.start(model.file(), port, 1));
        assertTrue(e.getMessage().contains("port " + port), e.getMessage());
    }

    private void assertSame(Prediction expected, JsonNode actual, String what) {
        assertEquals(expected.label(), actual.get("label").asText(), what);
        assertEquals(expected.role().name(), actual.get("role").asText(), what);
        assertEquals(expected.distance(), actual.get("distance").asDouble(), 1e-6, what);
        assertEquals(
                expected.calibratedDistance(),
                actual.get("calibrated_distance").asDouble(),
                1e-6,
                what);
        assertEquals(expected.topK().size(), actual.get("top_k").size(), what);
        for (int k = 0; k < expected.topK().size(); k++) {
            RankedClass e = expected.topK().get(k);
            JsonNode a = actual.get("top_k").get(k);
            assertEquals(e.label(), a.get("label").asText(), what + " top " + k);
            assertEquals(e.role().name(), a.get("role").asText(), what + " top " + k);
            assertEquals(e.distance(), a.get("distance").asDouble(), 1e-6, what + " top " + k);
        }
    }

    private void assertError(int status, String messagePart, HttpRequest request) throws Exception {
        HttpResponse<String> response = send(request);
        assertEquals(status, response.statusCode(), response.body());
        String message = JSON.readTree(response.body()).get("error").asText();
        assertTrue(message.contains(messagePart), message);
    }

    private HttpResponse<String> send(HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A POST to /classify declaring {@code contentType} (none when null). */
    private HttpRequest postAs(String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/classify"));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
