package dev.stratus.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a command that runs until it is stopped ({@code events --follow}): instead of
 * the JVM's exit 130 or 143, they mark the command {@link #stopped()} and interrupt its thread (which ends a call in
 * flight; the mark ends the loop also when a library swallowed the interrupt), and the command exits 0. The
 * JVM's own handlers are back once the command is over ({@link #close}). A signal the JVM does not let a program
 * handle (it was ignored when the JVM started, or {@code -Xrs}) keeps its default.
 */
public final class StopSignals implements AutoCloseable {
    private static final List<String> NAMES = List.of("INT", "TERM");

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile boolean stopped;

    private StopSignals() {
    }

    /** Until {@link #close}, SIGINT and SIGTERM mark this stopped and interrupt {@code thread}. */
    public static StopSignals interrupting(Thread thread) {
        StopSignals signals = new StopSignals();
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                signals.previous.put(signal, Signal.handle(signal, s -> {
                    signals.stopped = true;
                    thread.interrupt();
                }));
            } catch (IllegalArgumentException e) {
                // reserved by the JVM (-Xrs) or unknown here: the default stays
            }
        }
        return signals;
    }

    /** Whether a stop signal came. */
    public boolean stopped() {
        return stopped;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
