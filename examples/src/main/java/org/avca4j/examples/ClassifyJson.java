package org.avca4j.examples;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.avca4j.sdk.ModelCard;
import org.avca4j.sdk.Prediction;
import org.avca4j.sdk.RankedClass;
import org.avca4j.sdk.ZeroShotClassifier;

/**
 * The JSON of {@link ClassifyServer}: requests to clips, predictions and the vocabulary to JSON.
 *
 * <p>Requests: {@code {"audio":[…], "video":[…]}} for one clip, or {@code {"clips":[{"audio":[…],
 * "video":[…]}, …]}} for several. Widths and finiteness are left to the SDK, whose messages name
 * the input, the clip and the index.
 */
final class ClassifyJson {

    /**
     * NaN and Infinity literals are read as numbers so that the SDK's finiteness check reports
     * where they are, rather than a bare parse error.
     */
    static final JsonMapper MAPPER =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private ClassifyJson() {}

    /** A request that cannot be served; the message says what was expected. */
    static final class BadRequestException extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequestException(String message) {
            super(message);
        }
    }

    /**
     * Clips of a request, {@code [n][width]} each.
     *
     * @param batch whether the request used {@code clips} (the answer is then a list)
     */
    record Clips(float[][] audio, float[][] video, boolean batch) {}

    /**
     * Reads a classify request.
     *
     * @throws BadRequestException if the body is not JSON, not an object of the documented shape,
     *     or a vector holds a non-number
     */
    static Clips parseClips(byte[] body) throws BadRequestException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new BadRequestException("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequestException("unreadable body: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException(
                    "expected a JSON object {\"audio\":[...],\"video\":[...]} or {\"clips\":[...]}");
        }
        if (root.has("clips")) {
            onlyFields(root, Set.of("clips"), "the request");
            JsonNode clips = root.get("clips");
            if (!clips.isArray() || clips.isEmpty()) {
                throw new BadRequestException(
                        "'clips' must be a non-empty array of {\"audio\":[...],\"video\":[...]}");
            }
            float[][] audio = new float[clips.size()][];
            float[][] video = new float[clips.size()][];
            for (int i = 0; i < clips.size(); i++) {
                JsonNode clip = clips.get(i);
                String where = "clips[" + i + "]";
                if (!clip.isObject()) {
                    throw new BadRequestException(
                            where + " must be an object {\"audio\":[...],\"video\":[...]}");
                }
                onlyFields(clip, Set.of("audio", "video"), where);
                audio[i] = vector(clip, "audio", where + ".");
                video[i] = vector(clip, "video", where + ".");
            }
            return new Clips(audio, video, true);
        }
        onlyFields(root, Set.of("audio", "video"), "the request");
        return new Clips(
                new float[][] {vector(root, "audio", "")},
                new float[][] {vector(root, "video", "")},
                false);
    }

    private static void onlyFields(JsonNode object, Set<String> allowed, String where)
            throws BadRequestException {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new BadRequestException(
                        where + " has the unknown field '" + name + "', expected " + allowed);
            }
        }
    }

    private static float[] vector(JsonNode parent, String field, String prefix)
            throws BadRequestException {
        JsonNode node = parent.get(field);
        if (node == null || !node.isArray()) {
            throw new BadRequestException(
                    prefix
                            + field
                            + " must be an array of numbers, got "
                            + (node == null
                                    ? "nothing"
                                    : node.getNodeType()
                                            .toString()
                                            .toLowerCase(java.util.Locale.ROOT)));
        }
        float[] v = new float[node.size()];
        for (int k = 0; k < v.length; k++) {
            JsonNode x = node.get(k);
            if (!x.isNumber()) {
                throw new BadRequestException(
                        prefix + field + "[" + k + "] is " + x + ", expected a number");
            }
            // A double beyond float range becomes ±Infinity here, which the SDK rejects by index.
            v[k] = (float) x.doubleValue();
        }
        return v;
    }

    /** {@code {"label", "role", "distance", "calibrated_distance", "top_k": [...]}}. */
    static ObjectNode prediction(Prediction p) {
        ObjectNode o =
                MAPPER.createObjectNode()
                        .put("label", p.label())
                        .put("role", p.role().name())
                        .put("distance", p.distance())
                        .put("calibrated_distance", p.calibratedDistance());
        ArrayNode top = o.putArray("top_k");
        for (RankedClass r : p.topK()) {
            top.addObject()
                    .put("label", r.label())
                    .put("role", r.role().name())
                    .put("distance", r.distance())
                    .put("calibrated_distance", r.calibratedDistance());
        }
        return o;
    }

    /** One prediction object, or {@code {"predictions": [...]}} for a {@code clips} request. */
    static ObjectNode predictions(List<Prediction> predictions, boolean batch) {
        if (!batch) {
            return prediction(predictions.get(0));
        }
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode list = o.putArray("predictions");
        for (Prediction p : predictions) {
            list.add(prediction(p));
        }
        return o;
    }

    /** The card's summary and the vocabulary with roles, in candidate order. */
    static ObjectNode classes(ZeroShotClassifier classifier) {
        ModelCard card = classifier.card();
        ObjectNode o =
                MAPPER.createObjectNode()
                        .put("dataset", card.dataset().folder())
                        .put("audio_dim", card.audioDim())
                        .put("video_dim", card.videoDim())
                        .put("text_dim", card.textDim())
                        .put("beta", classifier.beta());
        ArrayNode list = o.putArray("classes");
        for (String name : classifier.classNames()) {
            list.addObject().put("name", name).put("role", classifier.role(name).name());
        }
        return o;
    }

    /** {@code {"error": message}}. */
    static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }
}
