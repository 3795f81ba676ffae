package org.avca4j.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.trainer.data.SyntheticBenchmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files that are data (class names, HDF5 file names, clip urls, CSV, JSON, Markdown, plots) must
 * not depend on the machine's default locale: with {@code String.format} and no locale, {@code
 * ar-SA} or {@code th-TH-u-nu-thai} write {@code class_٠٠٧} or {@code class_๐๐๗}. The synthetic
 * benchmark writer and the report writer run under such a default locale and under {@link
 * Locale#ROOT}; every file must be byte for byte the same.
 */
class LocaleIndependenceTest {

    @TempDir static Path dir;

    /** What both writers produce under {@link Locale#ROOT}: the expectation, written once. */
    private static Map<String, byte[]> expected;

    @BeforeAll
    static void writeUnderRoot() throws IOException {
        expected = writeAll(Locale.ROOT, dir.resolve("root"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ar-SA", "th-TH-u-nu-thai", "fa-IR", "de-DE"})
    void syntheticBenchmarkAndReportAreTheSameBytesUnderEveryDefaultLocale(String tag)
            throws IOException {
        Locale locale = Locale.forLanguageTag(tag);
        // The premise: this locale really formats numbers differently from ROOT (other digits,
        // or a decimal comma for de-DE), so a locale-dependent call would change the files.
        assertFalse(
                String.format(locale, "%03d %.2f", 7, 0.5)
                        .equals(String.format(Locale.ROOT, "%03d %.2f", 7, 0.5)),
                tag + " formats like ROOT: the test would prove nothing");

        Map<String, byte[]> actual = writeAll(locale, dir.resolve(tag));
        Set<String> unexpected = new TreeSet<>(actual.keySet());
        unexpected.removeAll(expected.keySet());
        assertEquals(Set.of(), unexpected, () -> "files written under " + tag + " but not ROOT");
        assertEquals(expected.keySet(), actual.keySet(), "file names under " + tag);
        expected.forEach(
                (name, bytes) ->
                        assertArrayEquals(bytes, actual.get(name), name + " under " + tag));
    }

    /** Every file both writers produce in {@code dir}, by path relative to it. */
    private static Map<String, byte[]> writeAll(Locale defaultLocale, Path dir) throws IOException {
        Locale original = Locale.getDefault();
        try {
            Locale.setDefault(defaultLocale);
            SyntheticBenchmark.builder()
                    .setDataset(DatasetName.UCF)
                    .optClasses(12)
                    .optClipsPerClass(2)
                    .optWidths(3, 2)
                    .optTextDim(4)
                    .optSeed(7)
                    .build()
                    .write(dir.resolve("data"));
            ReportWriter.write(Fixtures.reproduction(), dir.resolve("report"));
        } finally {
            Locale.setDefault(original);
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}
