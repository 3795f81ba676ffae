package org.avca4j.benchmarks.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The required {@code --data} option naming the data root: part of {@link BenchmarkOptions}, and a
 * mixin of its own for commands that choose their benchmarks otherwise. ({@code reproduce} takes
 * one root per layout instead, {@code --data [LAYOUT=]ROOT}.)
 */
public final class DataRootOption {

    @Option(
            names = "--data",
            required = true,
            paramLabel = "ROOT",
            description = "Folder holding <Dataset>/class-split and <Dataset>/features.")
    Path data;

    /** The data root named by {@code --data}. */
    public Path path() {
        return data;
    }
}
