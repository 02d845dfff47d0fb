package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.events.InstanceStatusReporter;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The worker threads that take instance ids from the {@link InstanceWorkQueue} and reconcile them, retrying a
 * failure with exponential back-off; after {@value #MAX_ATTEMPTS} failed attempts in a row the instance is given
 * up (reported in ERROR with the last fault). Also runs the periodic full resync.
 */
@Singleton
public class ReconcileLoop {
    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);
    static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MS = 250;
    private static final int WORKERS = 2;
    private static final Duration TOMBSTONE_RETENTION = Duration.ofHours(1);

    private final InstanceWorkQueue queue;
    private final InstanceReconciler reconciler;
    private final DesiredInstances desired;
    private final ComputeDriver driver;
    private final InstanceStatusReporter status;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final ReconcileTimers timers;

    public ReconcileLoop(InstanceWorkQueue queue, InstanceReconciler reconciler, DesiredInstances desired,
            ComputeDriver driver, InstanceStatusReporter status, ReconcileTimers timers) {
        this.queue = queue;
        this.timers = timers;
        this.reconciler = reconciler;
        this.desired = desired;
        this.driver = driver;
        this.status = status;
    }

    public synchronized void start(Duration resyncInterval) {
        if (!workers.isEmpty()) {
            return;
        }
        for (int i = 0; i < WORKERS; i++) {
            Thread worker = new Thread(this::work, "reconcile-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        timers.every(resyncInterval, this::resync);
    }

    /** Enqueues every instance with a desired state and every Stratus domain the driver shows. */
    public void resync() {
        try {
            for (String id : desired.pruneDeleted(TOMBSTONE_RETENTION)) {
                status.forget(id);
            }
            desired.all().forEach(d -> queue.add(d.instanceId()));
            driver.list().stream().map(InstanceInfo::instanceId).forEach(queue::add);
        } catch (RuntimeException e) {
            LOG.warnf("resync failed: %s", e.toString());
        }
    }

    private void work() {
        while (true) {
            String id;
            try {
                id = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (id == null) {
                return;
            }
            try {
                reconciler.reconcile(id);
                failures.remove(id);
            } catch (RuntimeException | LinkageError e) {
                failed(id, e);
            } finally {
                queue.done(id);
            }
        }
    }

    private void failed(String id, Throwable error) {
        int attempt = failures.merge(id, 1, Integer::sum);
        String fault = error.getMessage() != null ? error.getMessage() : error.toString();
        if (attempt >= MAX_ATTEMPTS) {
            LOG.errorf(error, "instance %s: giving up after %d attempts", id, attempt);
            failures.remove(id);
            try {
                reconciler.giveUp(id, fault);
            } catch (RuntimeException e) {
                LOG.warnf("instance %s: cannot report the failure: %s", id, e.toString());
            }
            return;
        }
        long backoff = backoff(attempt).toMillis();
        LOG.warnf("instance %s: reconcile attempt %d failed, retrying in %d ms: %s", id, attempt, backoff, fault);
        timers.recheck(id, Duration.ofMillis(backoff));
    }

    /** How long to wait before attempt {@code failedAttempt + 1}: 250 ms, doubled after each failure. */
    static Duration backoff(int failedAttempt) {
        return Duration.ofMillis(FIRST_BACKOFF_MS << (failedAttempt - 1));
    }

    public synchronized void stop() {
        queue.shutDown();
        timers.stop();
        for (Thread worker : workers) {
            worker.interrupt();
        }
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }
}
