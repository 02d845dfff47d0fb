package dev.stratus.cli.watch;

import java.time.Duration;

/** Time as a waiting loop needs it: now, and a pause. Tests drive it by hand. */
public interface Ticker {
    long nanos();

    void sleep(Duration duration) throws InterruptedException;

    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };
}
