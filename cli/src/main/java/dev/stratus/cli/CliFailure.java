package dev.stratus.cli;

/**
 * A failure the user is told about in one line ({@code Error: <message>}) before the CLI exits with
 * {@link #exitCode()}.
 */
public class CliFailure extends RuntimeException {
    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** An API-side failure (exit 1). */
    public static CliFailure api(String message) {
        return new CliFailure(ExitCodes.API_ERROR, message);
    }

    /** A usage or configuration problem (exit 2). */
    public static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
