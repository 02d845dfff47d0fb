package dev.stratus.cli;

/**
 * The CLI's exit codes, documented in docs/cli.md; scripts rely on them.
 */
public final class ExitCodes {
    /** Done. */
    public static final int OK = 0;
    /** The API refused or failed the request (a 4xx/5xx problem, unreachable, a server that went to ERROR). */
    public static final int API_ERROR = 1;
    /** The command line is wrong (unknown command or option, a missing argument) or the configuration is missing. */
    public static final int USAGE = 2;
    /** {@code --wait} gave up: the state was not reached within {@code --timeout}. */
    public static final int TIMEOUT = 3;

    private ExitCodes() {
    }
}
