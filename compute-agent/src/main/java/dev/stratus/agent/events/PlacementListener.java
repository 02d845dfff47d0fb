package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.reconcile.DesiredInstance;
import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.agent.reconcile.DesiredState;
import dev.stratus.agent.reconcile.DesiredStateJournal;
import dev.stratus.agent.reconcile.InstanceWorkQueue;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.agent.image.ImageException;
import dev.stratus.agent.instance.InstanceSnapshotter;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventSubscription;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Consumes {@link Topics#PLACEMENTS} and {@link Topics#INSTANCE_ACTIONS} (power requests, snapshots) in the consumer
 * group {@code agent-<host>}: a placement, removal or power request for this host is recorded on disk (before its
 * offset is committed), changes the instance's desired state and enqueues its id; the reconciler does the rest (a
 * power request's work never runs on the consumer thread). A power request whose generation is not above the
 * instance's current one (redelivered or overtaken), or for an instance not known here, is ignored. Idempotent, as delivery is at least once. The subscription retries a
 * failing handler until it succeeds, so an event that can never succeed (an unusable id) is logged and dropped.
 */
@Singleton
public class PlacementListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PlacementListener.class);

    private final String bootstrapServers;
    private final String host;
    private final DesiredInstances desired;
    private final DesiredStateJournal journal;
    private final InstanceWorkQueue queue;
    private final InstanceSnapshotter snapshotter;
    private EventSubscription subscription;

    public PlacementListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            HostIdentity identity, DesiredInstances desired, DesiredStateJournal journal, InstanceWorkQueue queue,
            InstanceSnapshotter snapshotter) {
        this.bootstrapServers = bootstrapServers;
        this.host = identity.host();
        this.desired = desired;
        this.journal = journal;
        this.queue = queue;
        this.snapshotter = snapshotter;
    }

    public synchronized void start() {
        if (subscription == null) {
            subscription = new EventSubscription(bootstrapServers, "agent-" + host, List.of(Topics.PLACEMENTS,
                    Topics.INSTANCE_ACTIONS),
                    this::handle).start();
        }
    }

    void handle(Object event) {
        if (event instanceof InstancePlaced placed && host.equals(placed.host())) {
            if (!InstanceFiles.isInstanceId(placed.instanceId())) {
                LOG.errorf("ignoring a placement with an unusable instance id: %s", placed);
                return;
            }
            LOG.infof("instance %s placed here (flavor %s, image %s)", placed.instanceId(),
                    placed.flavor() == null ? null : placed.flavor().name(),
                    placed.image() == null ? null : placed.image().id());
            journal.placed(placed);
            desired.place(placed);
            queue.add(placed.instanceId());
        } else if (event instanceof InstanceRemoveRequested remove && host.equals(remove.host())) {
            if (!InstanceFiles.isInstanceId(remove.instanceId())) {
                LOG.errorf("ignoring a removal with an unusable instance id: %s", remove);
                return;
            }
            LOG.infof("instance %s to be removed from here", remove.instanceId());
            journal.removed(remove.instanceId());
            desired.remove(remove.instanceId());
            queue.add(remove.instanceId());
        } else if (event instanceof InstancePowerRequested power && host.equals(power.host())) {
            requestPower(power);
        } else if (event instanceof InstanceSnapshotRequested snapshot && host.equals(snapshot.host())) {
            if (!InstanceFiles.isInstanceId(snapshot.instanceId())) {
                LOG.errorf("ignoring a snapshot request with an unusable instance id: %s", snapshot);
                return;
            }
            try {
                snapshotter.snapshot(snapshot); // synchronous: a few seconds for small disks, then the offset
            } catch (ImageException | dev.stratus.agent.instance.InstanceFilesException e) {
                LOG.errorf("snapshot %s of instance %s failed, not retried: %s", snapshot.imageId(),
                        snapshot.instanceId(), e.getMessage());
            }
        }
    }

    private void requestPower(InstancePowerRequested power) {
        String id = power.instanceId();
        if (!InstanceFiles.isInstanceId(id)) {
            LOG.errorf("ignoring a power request with an unusable instance id: %s", power);
            return;
        }
        Optional<DesiredInstance> known = desired.get(id);
        if (known.isEmpty() || known.get().target() == DesiredState.DELETED) {
            LOG.warnf("ignoring %s (generation %d) of instance %s: not an instance of this host", power.operation(),
                    power.generation(), id);
            return;
        }
        if (power.generation() <= known.get().power().generation()) {
            LOG.debugf("ignoring %s of instance %s: generation %d is not above %d", power.operation(), id,
                    power.generation(), known.get().power().generation());
            return;
        }
        LOG.infof("instance %s: %s (generation %d)", id, power.operation(), power.generation());
        journal.powerRequested(power);
        if (desired.requestPower(power)) {
            queue.add(id);
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
