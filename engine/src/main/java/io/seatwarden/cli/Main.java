package io.seatwarden.cli;

import com.google.inject.Injector;
import io.seatwarden.config.EngineInjector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * The {@code seatwarden} command line. Each subcommand is its own class, created by Guice through
 * {@link GuiceCommandFactory}; it parses options, calls one service and returns an {@link ExitCode}.
 */
@Command(
        name = "seatwarden",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps Microsoft 365 license assignments in line with policies kept in git.")
public final class Main implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in {@code @Command(subcommands)}: picocli creates
     * every command it is given (through Guice, with all their services), so {@link #commandLine} adds
     * only the one the arguments name.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            ApplyCommand.class,
            EmulatorCommand.class,
            HistoryCommand.class,
            PlanCommand.class,
            RunCommand.class,
            RunsCommand.class,
            SnapshotCommand.class,
            UndoCommand.class,
            ValidateCommand.class);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        // A thread nobody joins (the daemon's scheduler) that runs out of memory leaves the JVM in no state to go on.
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (error instanceof OutOfMemoryError outOfMemory) {
                Runtime.getRuntime().halt(FatalErrorHandler.outOfMemory(outOfMemory));
            }
            System.err.println("internal error in thread " + thread.getName() + " (please report it):");
            error.printStackTrace(System.err);
        });
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int run(String... args) {
        try {
            return execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to FatalErrorHandler; an Error thrown by a command lands here.
            return FatalErrorHandler.outOfMemory(e);
        }
    }

    private static int execute(String... args) {
        Injector injector = EngineInjector.create();
        CommandLine commandLine = commandLine(new GuiceCommandFactory(injector), args);
        commandLine.setExecutionExceptionHandler(new FatalErrorHandler());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli answers usage errors with 2, which our contract reserves for "changes pending".
        CommandLine.IParameterExceptionHandler usageErrors = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            usageErrors.handleParseException(exception, arguments);
            return ExitCode.ERROR.code();
        });
        return commandLine.execute(args);
    }

    /**
     * The command line for these arguments: when the first names a subcommand, only that one (its parse
     * and help are the same either way); for a lone {@code --version}, none (the version does not list
     * them); otherwise ({@code --help}, {@code help}, no arguments, a misspelt name) every subcommand, so
     * listings and suggestions are complete.
     */
    static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
        CommandLine commandLine = new CommandLine(Main.class, factory);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return commandLine;
        }
        List<Class<?>> named = args.length == 0 ? List.of() : SUBCOMMANDS.stream()
                .filter(type -> type != CommandLine.HelpCommand.class && name(type).equals(args[0]))
                .toList();
        for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) {
            commandLine.addSubcommand(name(subcommand), subcommand);
        }
        return commandLine;
    }

    private static String name(Class<?> subcommand) {
        return subcommand.getAnnotation(Command.class).name();
    }
}
