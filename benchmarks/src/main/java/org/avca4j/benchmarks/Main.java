package org.avca4j.benchmarks;

import org.avca4j.benchmarks.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code avca4j} command line: synthetic data, inspection, training, the reproduction
 * protocol and speed measurements, from one fat jar.
 */
@Command(name = "avca4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Audio-visual generalised zero-shot learning (AVCA) on the JVM.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered; tests execute it without exiting. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
