package org.avca4j.benchmarks.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;

/**
 * The published test figures (docs/protocol.md#published-figures) of the paper's Table 2, every
 * method on every dataset and feature set, in percent, for comparison with a reproduction. Read
 * from the resource {@value #RESOURCE}; a figure the paper does not give (S and U of most
 * comparison methods on cls features) is NaN.
 */
public final class PublishedResults {

    /** Where the figures come from; reports print it under the comparison. */
    public static final String SOURCE_NOTE =
            "Published figures: HM and ZSL are from the README of the"
                    + " reference implementation; S and U are as recalled from the paper (CVPR 2022) and agree"
                    + " with the HM to rounding.";

    /** The note of the comparison methods' figures, under the table of every method. */
    public static final String METHODS_NOTE =
            "Published figures of the comparison methods: the paper's Table 2 on main features; on cls"
                    + " features HM and ZSL from the reference's README, S and U only where known (– otherwise)."
                    + " f-VAEGAN-D2 has no cls run.";

    /**
     * The note of the successors' figures (TCaF), under the table of every method when one of them
     * ran.
     */
    public static final String SUCCESSORS_NOTE =
            "Published figures of TCaF (ECCV 2022): on cls features HM and ZSL from its README, S and"
                    + " U from its paper; on main features recalled from its paper and not verified"
                    + " (marked unverified).";

    /** The resource holding the table, next to this class. */
    static final String RESOURCE = "published-table2.csv";

    /** The optional 9th field of a row whose figures are recalled and not verified. */
    private static final String UNVERIFIED = "unverified";

    private static final Table TABLE = read();

    private PublishedResults() {}

    /** The rows of the resource: figures by method, then feature set and dataset. */
    private record Table(
            Map<String, String> displayNames,
            Map<String, Map<String, Scores>> figures,
            Set<String> unverified) {}

    private static Table read() {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Map<String, Scores>> figures = new LinkedHashMap<>();
        Set<String> unverified = new HashSet<>();
        try (InputStream in = PublishedResults.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing");
            }
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 8 && !(f.length == 9 && f[8].trim().equals(UNVERIFIED))) {
                    throw new IllegalStateException(
                            RESOURCE
                                    + " line "
                                    + number
                                    + ": expected 8 fields, or 9 ending in '"
                                    + UNVERIFIED
                                    + "', got "
                                    + f.length);
                }
                names.putIfAbsent(f[0], f[1]);
                String key = key(FeatureSet.parse(f[2]), DatasetName.parse(f[3]));
                if (f.length == 9) {
                    unverified.add(f[0] + "/" + key);
                }
                figures.computeIfAbsent(f[0], m -> new LinkedHashMap<>())
                        .put(
                                key,
                                new Scores(number(f[4]), number(f[5]), number(f[6]), number(f[7])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
        return new Table(Collections.unmodifiableMap(names), figures, Set.copyOf(unverified));
    }

    private static double number(String field) {
        return field.isBlank() ? Double.NaN : Double.parseDouble(field.trim());
    }

    private static String key(FeatureSet features, DatasetName dataset) {
        return features.label() + "/" + dataset.folder();
    }

    /**
     * AVCA's published figures in percent for one benchmark. All six combinations of the paper are
     * present.
     */
    public static Optional<Scores> of(DatasetName dataset, FeatureSet features) {
        return of("avca", dataset, features);
    }

    /**
     * A method's published figures in percent for one benchmark, or empty when the paper gives none
     * (f-VAEGAN-D2 on cls features, a method not in the table). S and U are NaN where only HM and
     * ZSL are published.
     *
     * @param method the method's id, e.g. {@code devise} (case-insensitive)
     */
    public static Optional<Scores> of(String method, DatasetName dataset, FeatureSet features) {
        return Optional.ofNullable(
                TABLE.figures()
                        .getOrDefault(method.toLowerCase(Locale.ROOT), Map.of())
                        .get(key(features, dataset)));
    }

    /**
     * Whether a method's figures on a benchmark are recalled but not verified (TCaF on main
     * features); false where there are none.
     */
    public static boolean unverified(String method, DatasetName dataset, FeatureSet features) {
        return TABLE.unverified()
                .contains(method.toLowerCase(Locale.ROOT) + "/" + key(features, dataset));
    }

    /** The ids of the table's methods, in the order of its rows (the paper's, then successors). */
    public static List<String> methods() {
        return new ArrayList<>(TABLE.displayNames().keySet());
    }

    /** A method's name as the paper prints it, or the id itself for a method not in the table. */
    public static String displayName(String method) {
        return TABLE.displayNames().getOrDefault(method.toLowerCase(Locale.ROOT), method);
    }
}
