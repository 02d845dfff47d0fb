package dev.stratus.api.service;

import dev.stratus.api.model.DesiredState;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.TaskState;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.VmState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies what the scheduler and the agents report to the instance rows. Every method is idempotent: a
 * re-delivered event changes nothing, a status older than the last applied one (by seq) is ignored, and a
 * deleted instance never comes back.
 */
@ApplicationScoped
public class StatusApplier {
    private static final Logger LOG = Logger.getLogger(StatusApplier.class);

    @Transactional
    public void placed(InstancePlaced event) {
        lockLive(event.instanceId()).ifPresent(instance -> {
            instance.host = event.host();
            instance.agentUrl = event.agentUrl();
            if (instance.taskState == TaskState.SCHEDULING) {
                instance.taskState = TaskState.SPAWNING;
            }
            instance.updatedAt = now();
        });
    }

    @Transactional
    public void placementFailed(InstancePlacementFailed event) {
        lockLive(event.instanceId()).ifPresent(instance -> {
            if (instance.desiredState == DesiredState.DELETED) {
                instance.markDeleted(now());
                return;
            }
            instance.vmState = VmState.ERROR;
            instance.taskState = null;
            instance.fault = event.reason();
            instance.updatedAt = now();
        });
    }

    @Transactional
    public void statusChanged(InstanceStatusChanged event) {
        lockLive(event.instanceId()).ifPresent(instance -> {
            if (event.seq() <= instance.statusSeq) {
                LOG.debugf("ignoring stale status seq %d <= %d of %s", event.seq(), instance.statusSeq, instance.id);
                return;
            }
            instance.statusSeq = event.seq();
            instance.powerState = event.powerState();
            instance.host = event.host();
            if (event.vmState() == VmState.DELETED) {
                instance.markDeleted(now());
                return;
            }
            instance.vmState = event.vmState();
            instance.fault = event.vmState() == VmState.ERROR ? event.fault() : null;
            if (instance.taskState != TaskState.DELETING) {
                instance.taskState = event.vmState() == VmState.BUILDING ? TaskState.SPAWNING : null;
            }
            instance.updatedAt = now();
        });
    }

    private static Optional<Instance> lockLive(String instanceId) {
        UUID id;
        try {
            id = UUID.fromString(instanceId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Instance.<Instance>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .filter(instance -> instance.deletedAt == null);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
