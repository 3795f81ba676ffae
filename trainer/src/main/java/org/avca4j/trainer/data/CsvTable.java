package org.avca4j.trainer.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file with a header row (RFC 4180: comma-separated, fields may be quoted with {@code "}, a
 * doubled quote inside quotes is a quote). VGGSound's class names hold commas and are quoted.
 */
final class CsvTable {

    private final Path file;
    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(Path file, List<String> header, List<List<String>> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    /**
     * Reads and parses a CSV file.
     *
     * @throws BenchmarkFormatException if the file is missing or not a readable regular file (see
     *     {@link InputFile#open}), is not UTF-8, is empty, has an unterminated quote or a row whose
     *     field count differs from the header's
     * @throws IOException if the file cannot be read
     */
    static CsvTable read(Path file) throws IOException {
        String text = InputFile.open(file, InputFile.Kind.CSV_TABLE).text();
        List<List<String>> records = parse(file, text);
        if (records.isEmpty()) {
            throw new BenchmarkFormatException(file, "empty CSV file, expected a header row");
        }
        List<String> header = records.get(0);
        List<List<String>> rows = records.subList(1, records.size());
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new BenchmarkFormatException(
                        file,
                        "row "
                                + (i + 2)
                                + " has "
                                + rows.get(i).size()
                                + " fields, expected "
                                + header.size()
                                + " like the header "
                                + header);
            }
        }
        return new CsvTable(file, header, rows);
    }

    private static List<List<String>> parse(Path file, String text)
            throws BenchmarkFormatException {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new BenchmarkFormatException(
                    file, "unterminated quoted field at the end of the file");
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /**
     * The index of a header column.
     *
     * @throws BenchmarkFormatException if the header lacks it
     */
    int column(String name) throws BenchmarkFormatException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new BenchmarkFormatException(
                    file, "no column '" + name + "' in the header " + header);
        }
        return i;
    }

    /** The data rows (without the header). */
    List<List<String>> rows() {
        return rows;
    }

    Path file() {
        return file;
    }

    /** Formats one CSV record, quoting fields that need it. */
    static String formatRecord(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append('\n').toString();
    }
}
