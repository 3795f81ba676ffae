package org.avca4j.benchmarks;

import org.avca4j.benchmarks.cli.InspectCommand;
import org.avca4j.benchmarks.cli.ProtocolCommand;
import org.avca4j.benchmarks.cli.SynthCommand;
import org.avca4j.benchmarks.cli.TrainCommand;
import org.avca4j.benchmarks.cli.VersionProvider;
import org.avca4j.benchmarks.perf.PerfCommand;
import org.avca4j.benchmarks.pipeline.DemoCommand;
import org.avca4j.benchmarks.pipeline.EvaluateCommand;
import org.avca4j.benchmarks.pipeline.ReproduceCommand;
import org.avca4j.trainer.model.NativeThreading;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code avca4j} command line: synthetic data, inspection, training, the reproduction protocol
 * and speed measurements, from one fat jar.
 */
@Command(
        name = "avca4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Audio-visual generalised zero-shot learning (AVCA) on the JVM.",
        subcommands = {
            DemoCommand.class,
            SynthCommand.class,
            InspectCommand.class,
            TrainCommand.class,
            ProtocolCommand.class,
            ReproduceCommand.class,
            EvaluateCommand.class,
            PerfCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // First, before any command loads ND4J (see docs/performance.md).
        NativeThreading.applyDefaults();
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered; tests execute it without exiting. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::reportFailure);
    }

    /**
     * Bad input is the user's to fix, not a crash: its message (which names the file and what was
     * expected) is printed without a stack trace; {@code --stacktrace}-style debugging goes through
     * {@code -Davca4j.stacktrace=true}.
     */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        cmd.getErr().println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        if (Boolean.getBoolean("avca4j.stacktrace")) {
            e.printStackTrace(cmd.getErr());
        }
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
