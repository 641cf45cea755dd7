package org.operando.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process and captures exit code, stdout and stderr. */
public final class CliTestSupport {
    private CliTestSupport() { }

    /** Result of one run. */
    public record Run(int code, String out, String err) { }

    public static Run run(String... args) {
        CommandLine cl = OperandoCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
