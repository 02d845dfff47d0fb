package dev.stratus.api.outbox;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.model.OutboxEvent;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in order and deletes them once the broker acknowledged them. A row is only
 * deleted after its publish succeeded, so a crash between the two re-publishes it (consumers dedupe).
 * Rows are locked with SKIP LOCKED so several api-service replicas can relay side by side.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    @Inject
    ApiConfig config;
    @Inject
    EventPublisher publisher;

    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
    }

    /** Called after a transaction that wrote to the outbox committed: publish now rather than at the next poll. */
    public void wake() {
        wakeups.release();
    }

    private void run() {
        while (running) {
            try {
                wakeups.tryAcquire(config.outboxPollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                while (running && relayBatch() == BATCH) {
                    LOG.debug("outbox: more rows pending");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay: %s; retrying", e.getMessage());
            }
        }
    }

    /** Publishes up to one batch in one transaction; returns how many rows it published. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEvent> rows = OutboxEvent.find("order by seq")
                    .withLock(LockModeType.PESSIMISTIC_WRITE)
                    .withHint("jakarta.persistence.lock.timeout", -2)
                    .page(0, BATCH).list();
            for (OutboxEvent row : rows) {
                publisher.publishRaw(row.topic, row.aggregateId, row.type,
                        row.payload.getBytes(StandardCharsets.UTF_8));
                row.delete();
            }
            return rows.size();
        });
    }
}
