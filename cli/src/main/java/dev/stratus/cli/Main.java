package dev.stratus.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** {@code java -jar stratus-cli.jar <noun> <verb> ...}; {@code ./stratus <noun> <verb>} runs it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Environment.system(), args));
    }

    /** Runs one command line and returns its exit code ({@link ExitCodes}). */
    public static int run(Environment environment, String... args) {
        return commandLine(environment).execute(args);
    }

    public static CommandLine commandLine(Environment environment) {
        StratusCommand root = new StratusCommand(environment);
        CommandLine line = new CommandLine(root);
        line.setOut(new PrintWriter(environment.out(), true));
        line.setErr(new PrintWriter(environment.err(), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler(new Failures(root));
        line.setParameterExceptionHandler(new UsageErrors());
        line.setUsageHelpAutoWidth(true);
        return line;
    }
}
