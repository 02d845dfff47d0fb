package dev.stratus.api.outbox;

import dev.stratus.api.model.OutboxEvent;
import dev.stratus.platform.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Adds events to the outbox inside the caller's transaction; once that transaction commits, the {@link OutboxRelay}
 * is woken to publish them at once (and polls anyway, so nothing waits on a lost wake-up). Whoever writes an event,
 * a request or a background job, needs nothing else.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    OutboxRelay relay;
    @Inject
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String aggregateType, String aggregateId, String topic, UUID eventId, Object event) {
        OutboxEvent row = new OutboxEvent();
        row.id = eventId;
        row.aggregateType = aggregateType;
        row.aggregateId = aggregateId;
        row.type = EventCodec.typeOf(event);
        row.topic = topic;
        row.payload = EventCodec.encodeToString(event);
        row.persist();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
