package org.avca4j.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.avca4j.sdk.card.DatasetName;
import org.avca4j.sdk.card.FeatureSet;
import org.avca4j.trainer.method.GzslMethod;
import org.avca4j.trainer.method.Methods;

/**
 * The methods of {@code reproduce --methods} and their {@code --set} overrides, checked before
 * anything is trained.
 */
final class MethodChoice {

    private MethodChoice() {}

    /**
     * The ids the command line accepts, {@code all} aside: every registered method in the
     * registry's order ({@link Methods#ids()}), then any method of the paper's Table 2 this build
     * lacks (refused, named).
     */
    static List<String> ids() {
        Set<String> ids = new LinkedHashSet<>(Methods.ids());
        ids.addAll(Methods.PAPER_IDS);
        return List.copyOf(ids);
    }

    /** The registered ids, for {@code --methods}' help ({@code ${COMPLETION-CANDIDATES}}). */
    static final class Ids implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Methods.ids().iterator();
        }
    }

    /**
     * The methods {@code all} selects: every registered method of the paper's Table 2 ({@link
     * Methods#PAPER_IDS}), in the registry's order; the successors (TCaF, ClipClap) are chosen by
     * id only.
     */
    static List<String> all() {
        return Methods.ids().stream().filter(Methods.PAPER_IDS::contains).toList();
    }

    /**
     * The method ids of a comma-separated list ({@code all}: {@link #all()}), each once, in the
     * order given.
     *
     * @throws IllegalArgumentException if an id is neither a method of the paper nor registered
     *     (the message lists the valid ids), or a method of the paper is not registered in this
     *     build
     */
    static List<String> parse(String text) {
        Set<String> ids = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            if (id.equals("all")) {
                ids.addAll(all());
            } else if (ids().contains(id)) {
                ids.add(id);
            } else {
                throw new IllegalArgumentException(
                        "--methods: unknown method '"
                                + part.trim()
                                + "': expected a comma-separated list of "
                                + String.join(", ", ids())
                                + ", or all");
            }
        }
        List<String> missing = ids.stream().filter(id -> !Methods.isRegistered(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "--methods: "
                            + String.join(", ", missing)
                            + (missing.size() == 1 ? " is" : " are")
                            + " not available in this build (it has "
                            + String.join(", ", Methods.ids())
                            + ")");
        }
        return List.copyOf(ids);
    }

    /**
     * The registered methods of the ids.
     *
     * @throws IllegalArgumentException as {@link Methods#of}
     */
    static List<GzslMethod> methods(List<String> ids) {
        List<GzslMethod> methods = new ArrayList<>();
        for (String id : ids) {
            methods.add(Methods.of(id));
        }
        return methods;
    }

    /**
     * Checks the {@code --set} overrides against every chosen method and dataset: a prefix names a
     * chosen method, and each method accepts its overrides.
     *
     * @throws IllegalArgumentException naming the method, the setting and what was expected
     */
    static void checkOverrides(
            List<GzslMethod> methods,
            List<DatasetName> datasets,
            FeatureSet features,
            PresetChanges changes) {
        List<String> ids = methods.stream().map(GzslMethod::id).toList();
        for (String key : changes.settings().keySet()) {
            int dot = key.indexOf('.');
            if (dot >= 0 && !ids.contains(key.substring(0, dot).trim().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "--set "
                                + key
                                + ": "
                                + key.substring(0, dot)
                                + " is not one of the chosen methods "
                                + String.join(", ", ids));
            }
        }
        for (GzslMethod m : methods) {
            Map<String, String> mine = changes.forMethod(m.id());
            for (DatasetName d : datasets) {
                m.settings(d, features, mine);
            }
        }
    }
}
