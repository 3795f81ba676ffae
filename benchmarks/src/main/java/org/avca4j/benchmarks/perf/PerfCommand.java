package org.avca4j.benchmarks.perf;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perf}: the speed measurements, {@code perf train} and {@code perf infer}. */
@Command(
        name = "perf",
        mixinStandardHelpOptions = true,
        description = "Speed measurements.",
        subcommands = {PerfTrainCommand.class, PerfInferCommand.class})
public final class PerfCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
