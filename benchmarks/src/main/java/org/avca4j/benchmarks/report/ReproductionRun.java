package org.avca4j.benchmarks.report;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.avca4j.sdk.card.TextOrder;

/**
 * Everything one {@code reproduce} command produced: the run of every (dataset, features, seed) and
 * where and when it ran.
 *
 * @param runs one entry per dataset, feature set and seed, all with the same text order
 * @param machine the machine
 * @param versions the software versions
 * @param started when the command started
 * @param finished when the last run finished
 */
public record ReproductionRun(
        List<SeedRun> runs,
        MachineInfo machine,
        SoftwareVersions versions,
        Instant started,
        Instant finished) {

    /**
     * @throws NullPointerException if a field or a run is null
     * @throws IllegalArgumentException if there is no run, the runs mix text orders, a (dataset,
     *     features, seed) appears twice, or finished is before started
     */
    public ReproductionRun {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(versions, "versions");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("ReproductionRun: no runs, expected at least one");
        }
        for (int i = 0; i < runs.size(); i++) {
            Objects.requireNonNull(runs.get(i), "runs[" + i + "]");
        }
        TextOrder order = runs.get(0).textOrder();
        Set<String> keys = new HashSet<>();
        for (SeedRun r : runs) {
            if (r.textOrder() != order) {
                throw new IllegalArgumentException(
                        "ReproductionRun: runs mix text orders "
                                + order
                                + " and "
                                + r.textOrder()
                                + "; one report covers one text order");
            }
            if (!keys.add(r.method() + "/" + r.dataset() + "/" + r.features() + "/" + r.seed())) {
                throw new IllegalArgumentException(
                        "ReproductionRun: "
                                + r.method()
                                + " "
                                + r.dataset()
                                + "/"
                                + r.features()
                                + " seed "
                                + r.seed()
                                + " appears twice");
            }
        }
        if (finished.isBefore(started)) {
            throw new IllegalArgumentException(
                    "ReproductionRun: finished " + finished + " is before started " + started);
        }
        runs = List.copyOf(runs);
    }

    /** The ids of the methods run, in the order of the paper's table (AVCA last). */
    public List<String> methods() {
        List<String> order = PublishedResults.methods();
        return runs.stream()
                .map(SeedRun::method)
                .distinct()
                .sorted(
                        java.util.Comparator.comparingInt(
                                m -> order.contains(m) ? order.indexOf(m) : order.size()))
                .toList();
    }

    /**
     * Whether the runs include a method other than AVCA: then the report adds the table of every
     * method and its plot, and its JSON and CSV say which method each row is (an AVCA-only report
     * keeps the files it always had).
     */
    public boolean comparesMethods() {
        return !methods().equals(List.of("avca"));
    }

    /** The text order shared by every run. */
    public TextOrder textOrder() {
        return runs.get(0).textOrder();
    }

    /** Wall-clock time from start to finish. */
    public Duration duration() {
        return Duration.between(started, finished);
    }
}
