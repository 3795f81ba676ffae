package org.avca4j.trainer.training;

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
import org.avca4j.trainer.model.AvcaNetwork;

/**
 * The checkpoints of one stage in its folder: {@code checkpoint-epoch-NNN.bin} (the network, from
 * {@link AvcaNetwork#save}) and {@code checkpoint-epoch-NNN.json} (the trainer's {@link
 * CheckpointState}). The sidecar is written after the network file, so an epoch whose sidecar
 * exists is complete.
 */
final class CheckpointStore {

    private static final Pattern SIDECAR = Pattern.compile("checkpoint-epoch-(\\d{3,})\\.json");

    private final Path folder;

    CheckpointStore(Path folder) {
        this.folder = folder;
    }

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
     * Writes the network and then the state of an epoch, each atomically ({@link AvcaNetwork#save}
     * is atomic by contract, so it is not wrapped a second time).
     *
     * @throws IOException if a file cannot be written
     */
    void save(AvcaNetwork network, CheckpointState state) throws IOException {
        network.save(networkFile(state.epoch()));
        Json.write(stateFile(state.epoch()), state);
    }

    /**
     * The epochs with a complete checkpoint, ascending.
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
                            int epoch = Integer.parseInt(m.group(1));
                            if (Files.isRegularFile(networkFile(epoch))) {
                                epochs.add(epoch);
                            }
                        }
                    });
        }
        epochs.sort(null);
        return epochs;
    }

    /**
     * The state of the last complete epoch, if any.
     *
     * @throws IOException if the folder or the sidecar cannot be read
     */
    Optional<CheckpointState> latest() throws IOException {
        List<Integer> epochs = epochs();
        return epochs.isEmpty()
                ? Optional.empty()
                : Optional.of(read(epochs.get(epochs.size() - 1)));
    }

    /**
     * The state written for an epoch.
     *
     * @throws IOException if it is missing, unreadable, of another format or of another epoch
     */
    CheckpointState read(int epoch) throws IOException {
        Path file = stateFile(epoch);
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "No checkpoint of epoch " + epoch + ": " + file + " does not exist");
        }
        CheckpointState state = Json.read(file, CheckpointState.class);
        if (state.format() != CheckpointState.FORMAT) {
            throw new IOException(
                    file
                            + ": field format is "
                            + state.format()
                            + ", expected "
                            + CheckpointState.FORMAT);
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
}
