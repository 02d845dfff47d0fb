package dev.stratus.cli;

import dev.stratus.cli.api.Problems;
import dev.stratus.client.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * A command that failed: one line on stderr ({@code Error: 404 Not Found: <the problem's detail>}) and its exit code
 * ({@link ExitCodes}); {@code --debug} adds the stack trace.
 */
final class Failures implements IExecutionExceptionHandler {
    private final StratusCommand root;

    Failures(StratusCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
        PrintWriter err = line.getErr();
        Outcome outcome = outcome(e);
        err.println("Error: " + outcome.message());
        if (root.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return outcome.exitCode();
    }

    record Outcome(int exitCode, String message) {
    }

    /** The line and exit code for a failure: the first CLI failure or API error among its causes decides. */
    Outcome outcome(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CliFailure failure) {
                return new Outcome(failure.exitCode(), failure.getMessage());
            }
            if (t instanceof ApiException api) {
                String url = root.settings().url();
                String line = Problems.line(api, url);
                if (api.getCode() == 401) {
                    line += " (the token from " + root.settings().authSource()
                            + " was refused: run `stratus login`, or `./stratus up` for the dev stack)";
                }
                return new Outcome(ExitCodes.API_ERROR, line);
            }
            if (t instanceof java.io.IOException io) {
                return new Outcome(ExitCodes.API_ERROR, String.valueOf(io.getMessage()));
            }
        }
        return new Outcome(ExitCodes.API_ERROR, e.toString());
    }
}
