package org.avca4j.trainer.training;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.sdk.card.SplitName;
import org.avca4j.trainer.io.AtomicFiles;

/**
 * The one Jackson set-up of the run folder's files. NaN (ZSL of a set without unseen clips) is
 * written as the string {@code "NaN"}, which Jackson reads back as NaN.
 */
final class Json {

    static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .registerModule(folderNames());

    /** One object per line. */
    static final ObjectWriter LINE = MAPPER.writer();

    /** Indented, for files that people read. */
    static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private Json() {}

    /**
     * Feature set and split as their folder names ({@code main_features}, {@code main_split}), the
     * form run folders have always held; the other enums are written by name.
     */
    private static SimpleModule folderNames() {
        SimpleModule module = new SimpleModule("avca4j-folder-names");
        byName(module, FeatureSet.class, FeatureSet::folder, FeatureSet::parse);
        byName(module, SplitName.class, SplitName::folder, SplitName::parse);
        return module;
    }

    private static <T> void byName(
            SimpleModule module,
            Class<T> type,
            Function<T, String> print,
            Function<String, T> parse) {
        module.addSerializer(
                type,
                new StdSerializer<T>(type) {
                    @Override
                    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(print.apply(value));
                    }
                });
        module.addDeserializer(
                type,
                new StdDeserializer<T>(type) {
                    @Override
                    public T deserialize(JsonParser p, DeserializationContext ctx)
                            throws IOException {
                        String text = p.getValueAsString();
                        try {
                            return parse.apply(text);
                        } catch (IllegalArgumentException | NullPointerException e) {
                            throw ctx.weirdStringException(text, type, e.getMessage());
                        }
                    }
                });
    }

    /**
     * Writes a value as an indented JSON file, atomically.
     *
     * @throws IOException if the file cannot be written
     */
    static void write(Path file, Object value) throws IOException {
        byte[] bytes = PRETTY.writeValueAsBytes(value);
        AtomicFiles.write(file, tmp -> java.nio.file.Files.write(tmp, bytes));
    }

    /**
     * Reads a JSON file.
     *
     * @throws IOException if it cannot be read or does not hold a {@code type}
     */
    static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new IOException(
                    file + ": not a valid " + type.getSimpleName() + " file: " + e.getMessage(), e);
        }
    }

    /**
     * The dotted path of the first field where two values differ as JSON, or null if they agree.
     */
    static String firstDifference(Object expected, Object actual) {
        return firstDifference("", MAPPER.valueToTree(expected), MAPPER.valueToTree(actual));
    }

    private static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode other = b.get(e.getKey());
                if (other == null) {
                    return child;
                }
                String d = firstDifference(child, e.getValue(), other);
                if (d != null) {
                    return d;
                }
            }
            Iterator<String> names = b.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (a.get(name) == null) {
                    return path.isEmpty() ? name : path + "." + name;
                }
            }
            return null;
        }
        return a.equals(b) ? null : path;
    }
}
