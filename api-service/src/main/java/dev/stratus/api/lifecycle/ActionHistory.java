package dev.stratus.api.lifecycle;

import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Writes an instance's action history, inside the transaction that changes the instance: a request starts a record
 * that the end of its task finishes; what Stratus does by itself is recorded finished at once.
 */
@ApplicationScoped
class ActionHistory {

    /** A record of a request whose task is starting; the instance points at it until the task is over. */
    @Transactional(Transactional.TxType.MANDATORY)
    InstanceActionRecord start(Instance instance, String action, Actor actor, OffsetDateTime now) {
        InstanceActionRecord record = new InstanceActionRecord();
        record.id = UUID.randomUUID();
        record.instanceId = instance.id;
        record.projectId = instance.projectId;
        record.requestId = actor.requestId();
        record.action = action;
        record.userId = actor.userId();
        record.startedAt = now;
        record.persist();
        return record;
    }

    /** Finishes the record of the instance's task in flight, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    void finishTask(Instance instance, OffsetDateTime now, String result, String message) {
        if (instance.taskActionId != null) {
            InstanceActionRecord.<InstanceActionRecord>findByIdOptional(instance.taskActionId)
                    .ifPresent(record -> record.finish(now, result, message));
            instance.taskActionId = null;
        }
    }

    /** A finished record of something done at once (by Stratus itself, or a request that needs no task). */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(Instance instance, String action, Actor actor, OffsetDateTime now, String result, String message) {
        start(instance, action, actor, now).finish(now, result, message);
    }
}
