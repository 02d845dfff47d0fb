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
        return commandLine(environment, args).execute(args);
    }

    /** The command line for {@code args}: the root and the noun they name (every noun when they name none). */
    public static CommandLine commandLine(Environment environment, String... args) {
        StratusCommand root = new StratusCommand(environment);
        CommandLine line = new CommandLine(root);
        Nouns.add(line, args);
        line.setOut(new PrintWriter(environment.out(), true));
        line.setErr(new PrintWriter(environment.err(), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler(new Failures(root));
        line.setParameterExceptionHandler(new UsageErrors());
        line.setUsageHelpAutoWidth(true);
        return line;
    }
}
