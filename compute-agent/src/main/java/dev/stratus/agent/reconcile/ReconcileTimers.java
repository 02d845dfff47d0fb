package dev.stratus.agent.reconcile;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The reconcile loop's one timer thread: it enqueues an instance id again later (a retry after a failure, a check
 * when a shutdown's grace period is over) and runs the periodic resync. Workers never sleep: they ask for a
 * re-check and return.
 */
@Singleton
public class ReconcileTimers {
    /** Added to a re-check so that it lands after the deadline it waits for, not just before. */
    private static final long MARGIN_MS = 50;

    private final InstanceWorkQueue queue;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "reconcile-timer");
        thread.setDaemon(true);
        return thread;
    });

    public ReconcileTimers(InstanceWorkQueue queue) {
        this.queue = queue;
    }

    /** Enqueues {@code instanceId} again after {@code delay}. */
    public void recheck(String instanceId, Duration delay) {
        if (!timers.isShutdown()) {
            timers.schedule(() -> queue.add(instanceId), Math.max(0, delay.toMillis()) + MARGIN_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    void every(Duration period, Runnable task) {
        long millis = period.toMillis();
        timers.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        timers.shutdownNow();
    }
}
