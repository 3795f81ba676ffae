package org.avca4j.trainer.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.avca4j.trainer.io.DamagedFileException;
import org.avca4j.trainer.io.IoMessages;
import org.avca4j.trainer.io.Sha256;
import org.avca4j.trainer.method.MethodNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of one stage in its folder: {@code checkpoint-epoch-NNN.bin} (the network, from
 * {@link MethodNetwork#save}) and {@code checkpoint-epoch-NNN.json} (the trainer's {@link
 * CheckpointState}). The sidecar is written after the network file, so an epoch whose sidecar
 * exists is complete.
 *
 * <p>The sidecar records the SHA-256 of the network file ({@code networkSha256}) and of its own
 * fields ({@code sha256}: the digest of the sidecar's JSON without that field, in Jackson's compact
 * form), so that a changed network file or sidecar is found before it is used: {@link #verified}
 * throws {@link DamagedFileException}. Sidecars of format 1, written before the digests, are read
 * with a warning that their integrity cannot be checked.
 */
final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

    private static final Pattern SIDECAR = Pattern.compile("checkpoint-epoch-(\\d{3,})\\.json");

    /** The sidecar's field holding the digest of its other fields. */
    static final String DIGEST_FIELD = "sha256";

    private final Path folder;

    CheckpointStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Where a stage resumes: the last intact checkpoint before the first damaged one.
     *
     * @param state that checkpoint's state, empty if there is none (train from the start)
     * @param damage why the first damaged checkpoint is damaged, empty if none is
     */
    record ResumePoint(Optional<CheckpointState> state, Optional<DamagedFileException> damage) {}

    Path folder() {
        return folder;
    }

    Path networkFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "checkpoint-epoch-%03d.bin", epoch));
    }

    Path stateFile(int epoch) {
        return folder.resolve(String.format(Locale.ROOT, "checkpoint-epoch-%03d.json", epoch));
    }

    /**
     * Writes the network and then the state of an epoch with both digests, each atomically ({@link
     * AvcaNetwork#save} is atomic by contract, so it is not wrapped a second time).
     *
     * @throws IOException if a file cannot be written
     */
    void save(MethodNetwork network, CheckpointState state) throws IOException {
        Path networkFile = networkFile(state.epoch());
        network.save(networkFile);
        CheckpointState recorded = state.withNetworkSha256(digestOf(networkFile));
        // Digest the parsed form, as a reader will: both then serialise the same tree.
        ObjectNode tree =
                (ObjectNode) Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(recorded));
        tree.put(DIGEST_FIELD, digestOf(tree));
        Json.write(stateFile(state.epoch()), tree);
    }

    /**
     * The epochs with a checkpoint (a sidecar), ascending.
     *
     * @throws IOException if the folder cannot be listed
     */
    List<Integer> epochs() throws IOException {
        List<Integer> epochs = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return epochs;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(
                    f -> {
                        Matcher m = SIDECAR.matcher(f.getFileName().toString());
                        if (m.matches()) {
                            epochs.add(Integer.parseInt(m.group(1)));
                        }
                    });
        } catch (IOException e) {
            throw IoMessages.wrap("cannot list", folder, e);
        }
        epochs.sort(null);
        return epochs;
    }

    /**
     * Checks every checkpoint, oldest first, and returns the last intact one before the first
     * damaged one. Later checkpoints, damaged or not, are ignored: resuming from the earlier one
     * recreates them.
     *
     * @throws IOException if a checkpoint cannot be read for another reason than damage (e.g.
     *     permissions, an unknown format)
     */
    ResumePoint resumePoint() throws IOException {
        CheckpointState last = null;
        for (int epoch : epochs()) {
            try {
                last = verified(epoch);
            } catch (DamagedFileException e) {
                return new ResumePoint(Optional.ofNullable(last), Optional.of(e));
            }
        }
        return new ResumePoint(Optional.ofNullable(last), Optional.empty());
    }

    /**
     * The state of an epoch whose sidecar and network file both match their digests.
     *
     * @throws DamagedFileException if either does not, the network file is missing or the sidecar
     *     is not valid JSON
     * @throws IOException as {@link #read}
     */
    CheckpointState verified(int epoch) throws IOException {
        CheckpointState state = read(epoch);
        Path networkFile = networkFile(epoch);
        if (!Files.isRegularFile(networkFile)) {
            throw new DamagedFileException(
                    stateFile(epoch), "its network file " + networkFile + " is missing");
        }
        if (state.format() == CheckpointState.FORMAT) {
            DamagedFileException.checkDigest(
                    networkFile,
                    digestOf(networkFile),
                    state.networkSha256(),
                    stateFile(epoch).getFileName().toString());
        }
        return state;
    }

    /**
     * The state written for an epoch, its own digest checked.
     *
     * @throws DamagedFileException if it is not valid JSON or does not match its digest
     * @throws IOException if it is missing, unreadable, of another format or of another epoch
     */
    CheckpointState read(int epoch) throws IOException {
        Path file = stateFile(epoch);
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "No checkpoint of epoch " + epoch + ": " + file + " does not exist");
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            DamagedFileException d =
                    new DamagedFileException(
                            file, "it is not valid JSON: " + e.getOriginalMessage());
            d.initCause(e);
            throw d;
        } catch (IOException e) {
            throw IoMessages.wrap("cannot read", file, e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new DamagedFileException(file, "it holds no JSON object");
        }
        int format = object.path("format").asInt(-1);
        if (format == CheckpointState.FORMAT) {
            JsonNode recorded = object.remove(DIGEST_FIELD);
            if (recorded == null || !recorded.isTextual()) {
                throw new DamagedFileException(file, "its field " + DIGEST_FIELD + " is missing");
            }
            DamagedFileException.checkDigest(
                    file, digestOf(object), recorded.asText(), "its field " + DIGEST_FIELD);
        } else if (format == CheckpointState.FORMAT_WITHOUT_DIGESTS) {
            LOG.warn(
                    "{} was written by an earlier version without digests: it is used, but damage"
                            + " to it or its network file cannot be detected",
                    file);
        } else {
            throw new IOException(
                    file
                            + ": field format is "
                            + object.path("format")
                            + ", expected "
                            + CheckpointState.FORMAT
                            + " (or "
                            + CheckpointState.FORMAT_WITHOUT_DIGESTS
                            + ")");
        }
        CheckpointState state;
        try {
            state = Json.MAPPER.treeToValue(object, CheckpointState.class);
        } catch (IOException e) {
            throw new IOException(
                    file + ": not a valid CheckpointState file: " + e.getMessage(), e);
        }
        if (state.epoch() != epoch) {
            throw new IOException(
                    file
                            + ": field epoch is "
                            + state.epoch()
                            + ", expected "
                            + epoch
                            + " from its name");
        }
        if (state.history().size() != epoch + 1) {
            throw new IOException(
                    file
                            + ": field history holds "
                            + state.history().size()
                            + " epochs, expected "
                            + (epoch + 1));
        }
        return state;
    }

    /**
     * Deletes an epoch's checkpoint, the sidecar first so that no sidecar outlives its network
     * file.
     *
     * @throws IOException if a file cannot be deleted
     */
    void delete(int epoch) throws IOException {
        Files.deleteIfExists(stateFile(epoch));
        Files.deleteIfExists(networkFile(epoch));
    }

    private static String digestOf(Path file) throws IOException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw IoMessages.wrap("cannot read", file, e);
        }
    }

    private static String digestOf(ObjectNode fields) throws IOException {
        return Sha256.of(Json.LINE.writeValueAsBytes(fields));
    }
}
