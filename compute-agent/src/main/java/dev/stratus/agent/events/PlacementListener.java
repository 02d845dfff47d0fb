package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.agent.reconcile.DesiredStateJournal;
import dev.stratus.agent.reconcile.InstanceWorkQueue;
import dev.stratus.contracts.InstancePlaced;
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

/**
 * Consumes {@link Topics#PLACEMENTS} and {@link Topics#INSTANCE_ACTIONS} (snapshots) in the consumer group {@code agent-<host>}: a placement or removal for this
 * host is recorded on disk (before its offset is committed), changes the instance's desired state and enqueues
 * its id; the reconciler does the rest. Idempotent, as delivery is at least once. The subscription retries a
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

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
