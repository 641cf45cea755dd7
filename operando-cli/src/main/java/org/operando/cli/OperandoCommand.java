package org.operando.cli;

import java.io.PrintWriter;
import java.util.List;
import org.operando.util.InvalidInputException;
import org.operando.util.Parallel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code operando} command: entry point of the command line. Exit codes: 0 success, 1 internal error,
 * 2 bad input or usage (with a one-line message naming the file, dataset path or option).
 */
@Command(name = "operando", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Operando synchrotron data analysis for batteries: raw frames, projections and potentiostat logs"
                + " in; maps, tomograms, PDFs, state-of-charge maps, curves against voltage and reports out.",
        subcommandsRepeatable = false, sortOptions = false)
public final class OperandoCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    /**
     * The subcommands, in the order {@code --help} lists them. Each capability adds its command here.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            InfoCommand.class,
            org.operando.cli.integrate.IntegrateCommand.class,
            org.operando.cli.integrate.CalibrateCommand.class,
            EchemCommand.class,
            TomoCommand.class,
            org.operando.cli.saxstomo.SaxsTomoCommand.class,
            SimulateCommand.class,
            org.operando.cli.swaxs.SwaxsCommand.class,
            DemoCommand.class,
            org.operando.cli.integrate.BenchCommand.class);

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces and detail on errors.")
    boolean verbose;

    @Option(names = "--threads", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Worker threads for parallel work (default: all ${sys:operando.cores} cores).")
    void setThreads(int n) {
        Parallel.setThreads(n);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A configured command line (also used by tests). */
    public static CommandLine commandLine() {
        System.setProperty("operando.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        OperandoCommand root = new OperandoCommand();
        CommandLine cl = new CommandLine(root);
        for (Class<?> c : SUBCOMMANDS) {
            cl.addSubcommand(c);
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, root.verbose));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("operando: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    static int handle(Exception ex, CommandLine commandLine, boolean verbose) {
        PrintWriter err = commandLine.getErr();
        Throwable t = ex;
        if (t instanceof CommandLine.ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        InvalidInputException bad = findCause(t, InvalidInputException.class);
        if (bad != null) {
            err.println("operando: " + bad.getMessage());
            if (verbose) {
                t.printStackTrace(err);
            }
            err.flush();
            return EXIT_BAD_INPUT;
        }
        CommandLine.ParameterException pe = findCause(t, CommandLine.ParameterException.class);
        if (pe != null) {
            err.println("operando: " + pe.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("operando: internal error: " + t + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            t.printStackTrace(err);
        }
        err.flush();
        return EXIT_INTERNAL;
    }

    private static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = commandLine().execute(args);
        System.exit(code);
    }
}
