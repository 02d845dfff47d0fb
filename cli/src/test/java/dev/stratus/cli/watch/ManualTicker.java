package dev.stratus.cli.watch;

import java.time.Duration;

/** A clock for tests that moves only when something sleeps on it (or a test sets {@link #now}). */
public final class ManualTicker implements Ticker {
    public long now;

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        now += duration.toNanos();
    }
}
