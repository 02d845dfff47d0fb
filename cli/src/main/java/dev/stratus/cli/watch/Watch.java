package dev.stratus.cli.watch;

import dev.stratus.cli.CliFailure;
import dev.stratus.cli.ExitCodes;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code --wait}: polls a resource and prints each change of its state on stderr as it happens
 * ({@code web-1: BUILDING (scheduling)}, then {@code web-1: ACTIVE}, each with the seconds since the start), until
 * the goal is reached (returns the last state), failed (exit 1 with the fault) or the timeout passed (exit 3).
 */
public final class Watch<T> {
    private final String label;
    private final Probe<T> probe;
    private final Function<T, String> state;
    private final PrintStream err;
    private final Duration timeout;
    private final Duration interval;
    private final Ticker ticker;

    public Watch(String label, Probe<T> probe, Function<T, String> state, PrintStream err, Duration timeout,
                 Duration interval, Ticker ticker) {
        this.label = label;
        this.probe = probe;
        this.state = state;
        this.err = err;
        this.timeout = timeout;
        this.interval = interval;
        this.ticker = ticker;
    }

    /** Waits until {@code goal} is reached; a resource that disappears meanwhile is a failure. */
    public T until(Goal<T> goal) {
        return loop(goal, false, null);
    }

    /** The same, from the state the request answered (printed first: the change it started). */
    public T until(Goal<T> goal, T answered) {
        return loop(goal, false, answered);
    }

    /** Waits until the resource is gone (a delete); {@code goal} may still fail it (a delete that ends in ERROR). */
    public void untilGone(Goal<T> goal, T answered) {
        loop(goal, true, answered);
    }

    private T loop(Goal<T> goal, boolean gone, T answered) {
        long start = ticker.nanos();
        String last = null;
        T first = answered;
        while (true) {
            T current;
            try {
                current = first != null ? first : read();
                first = null;
            } catch (RuntimeException e) {
                if (!Transient.is(e) || ticker.nanos() - start >= timeout.toNanos()) {
                    throw e;
                }
                err.printf(Locale.ROOT, "%s: %s, asking again (%.1fs)%n", label, Transient.describe(e),
                        seconds(start));
                pause();
                continue;
            }
            String now = current == null ? "gone" : state.apply(current);
            if (!Objects.equals(now, last)) {
                err.printf(Locale.ROOT, "%s: %s (%.1fs)%n", label, now, seconds(start));
                last = now;
            }
            if (current == null) {
                if (gone) {
                    return null;
                }
                throw CliFailure.api(label + " disappeared while waiting for " + goal.description());
            }
            if (goal.failed().test(current)) {
                String fault = goal.fault().apply(current);
                throw CliFailure.api(label + " went to " + now + (fault == null || fault.isBlank() ? ""
                        : ": " + fault));
            }
            if (!gone && goal.reached().test(current)) {
                return current;
            }
            if (ticker.nanos() - start >= timeout.toNanos()) {
                throw new CliFailure(ExitCodes.TIMEOUT, String.format(Locale.ROOT,
                        "timed out after %s waiting for %s to be %s (it is %s)", Durations.text(timeout), label,
                        gone ? "gone" : goal.description(), now));
            }
            pause();
        }
    }

    private void pause() {
        try {
            ticker.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.TIMEOUT, "interrupted while waiting for " + label);
        }
    }

    private T read() {
        try {
            return probe.read();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double seconds(long start) {
        return (ticker.nanos() - start) / 1e9;
    }
}
