package org.avca4j.benchmarks;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalInt;
import org.avca4j.benchmarks.cli.ConsoleProgress;
import org.avca4j.benchmarks.cli.FailureMessage;
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
import picocli.CommandLine.Option;

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

    private static final String VERBOSE = "--verbose";

    @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

    @Option(
            names = VERBOSE,
            scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, print the stack trace after the error line.")
    boolean verbose;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // In a JVM with the throughput collector, unless the user chose otherwise (see there).
        OptionalInt relaunched = JvmRelaunch.runIfNeeded(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        // First, before any command loads ND4J (see docs/performance.md).
        NativeThreading.applyDefaults();
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand registered; tests execute it without exiting. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionStrategy(Main::executeCatchingErrors)
                .setExecutionExceptionHandler(Main::reportFailure);
    }

    /**
     * Runs the command; an {@link Error} (out of memory, stack overflow), which picocli would let
     * escape with a stack trace, is handed to {@link #reportFailure} like an exception.
     */
    private static int executeCatchingErrors(CommandLine.ParseResult parsed) {
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (Error e) {
            List<CommandLine> commands = parsed.asCommandLineList();
            throw new CommandLine.ExecutionException(
                    commands.get(commands.size() - 1), String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * A failure is one {@code error:} line naming the file and the reason (the messages of bad
     * input do), with exit status 1; the stack trace follows only with {@code --verbose} (or {@code
     * -Davca4j.stacktrace=true}). A live progress bar is ended first, so the error starts a line of
     * its own.
     */
    private static int reportFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        Throwable failure =
                e instanceof CommandLine.ExecutionException && e.getCause() instanceof Error
                        ? e.getCause()
                        : e;
        ConsoleProgress.endLiveBar();
        PrintWriter err = cmd.getErr();
        err.println("error: " + FailureMessage.of(failure));
        if (verbose(parsed) || Boolean.getBoolean("avca4j.stacktrace")) {
            failure.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
