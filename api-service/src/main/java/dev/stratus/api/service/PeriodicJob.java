package dev.stratus.api.service;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A background job run every {@code period} on a daemon thread of its own, from start until {@link #stop}. */
final class PeriodicJob {
    private final ScheduledExecutorService timer;

    private PeriodicJob(String name, Duration period, Runnable job) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(job, millis, millis, TimeUnit.MILLISECONDS);
    }

    static PeriodicJob start(String name, Duration period, Runnable job) {
        return new PeriodicJob(name, period, job);
    }

    void stop() {
        timer.shutdownNow();
    }
}
