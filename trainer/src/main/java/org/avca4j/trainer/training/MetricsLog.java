package org.avca4j.trainer.training;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.avca4j.trainer.io.AtomicFiles;

/**
 * {@code metrics.jsonl} of a run folder: one {@link EpochRecord} per line as a JSON object, stage 1
 * first. Rewritten whole (and atomically) after every epoch from the checkpointed histories, so
 * that after a crash and a resume it holds each completed epoch exactly once.
 */
public final class MetricsLog {

    /** File name inside the run folder. */
    public static final String FILE_NAME = "metrics.jsonl";

    private MetricsLog() {}

    /**
     * Replaces the file with the given records.
     *
     * @throws IOException if it cannot be written
     */
    static void write(Path file, List<EpochRecord> records) throws IOException {
        AtomicFiles.write(
                file,
                tmp -> {
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        for (EpochRecord r : records) {
                            out.write(Json.LINE.writeValueAsBytes(r));
                            out.write('\n');
                        }
                    }
                });
    }

    /**
     * Reads the records of a {@code metrics.jsonl}.
     *
     * @throws IOException if it cannot be read or a line is not an epoch record (the message names
     *     the line)
     */
    public static List<EpochRecord> read(Path file) throws IOException {
        List<EpochRecord> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                records.add(Json.MAPPER.readValue(lines.get(i), EpochRecord.class));
            } catch (IOException e) {
                throw new IOException(
                        file + " line " + (i + 1) + ": not an epoch record: " + e.getMessage(), e);
            }
        }
        return records;
    }
}
