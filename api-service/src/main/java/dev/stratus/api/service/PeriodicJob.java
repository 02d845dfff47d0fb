package dev.stratus.api.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Callable;
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

    /**
     * Runs {@code batch}, each call in a transaction of its own, until one handles fewer than {@code size} rows;
     * returns how many were handled. A failure is logged ({@code what} failed, next try in {@code period}) and ends
     * the round: the rows stay due for the next one.
     */
    static int drain(String what, int size, Duration period, Callable<Integer> batch, Logger log) {
        int handled = 0;
        try {
            int done;
            do {
                done = QuarkusTransaction.requiringNew().call(batch);
                handled += done;
            } while (done == size);
        } catch (RuntimeException e) {
            log.warnf("%s failed (next try in %s): %s", what, period, e.toString());
        }
        return handled;
    }
}
