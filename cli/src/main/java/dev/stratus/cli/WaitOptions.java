package dev.stratus.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code --wait} and {@code --timeout}, mixed into every command whose effect completes later. */
public final class WaitOptions {
    @Option(names = "--wait", description = "Wait until it is done, showing each state change on stderr; exit 1 "
            + "if it ends in ERROR (with the fault), 3 after --timeout.")
    public boolean wait;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long --wait waits (90s, 10m, 1h; default: ${DEFAULT-VALUE}).")
    public Duration timeout;

    @Option(names = "--poll-interval", defaultValue = "500ms", converter = DurationConverter.class, hidden = true,
            paramLabel = "DURATION", description = "How often --wait asks the API (default: ${DEFAULT-VALUE}).")
    public Duration interval;
}
