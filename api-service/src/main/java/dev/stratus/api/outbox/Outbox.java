package dev.stratus.api.outbox;

import dev.stratus.api.model.OutboxEvent;
import dev.stratus.platform.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Adds events to the outbox inside the caller's transaction; the {@link OutboxRelay} publishes them later. */
@ApplicationScoped
public class Outbox {

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
    }
}
