package dev.stratus.cli;

import dev.stratus.cli.config.ConfigLocations;
import dev.stratus.cli.watch.Ticker;

import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of the CLI gets from the world: where its settings are, its output streams, whether stderr is a
 * terminal (progress bars redraw one line there), the clock, and the environment variables.
 */
public record Environment(ConfigLocations locations, PrintStream out, PrintStream err, boolean stderrTerminal,
                          Ticker ticker, Map<String, String> variables) {
    public static Environment system() {
        Map<String, String> env = System.getenv();
        // the launcher tells (`[ -t 2 ]`); Java alone only knows whether stdin and stdout are a terminal
        String tty = env.get("STRATUS_STDERR_TTY");
        boolean terminal = tty != null ? tty.equals("1") : System.console() != null;
        return new Environment(ConfigLocations.system(), System.out, System.err, terminal, Ticker.SYSTEM, env);
    }
}
