package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.reconcile.DesiredInstance;
import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.agent.reconcile.DesiredState;
import dev.stratus.agent.reconcile.DesiredStateJournal;
import dev.stratus.agent.reconcile.DomainTask;
import dev.stratus.agent.reconcile.DomainTaskJournal;
import dev.stratus.agent.reconcile.InstanceWorkQueue;
import dev.stratus.agent.reconcile.SnapshotJournal;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventSubscription;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Consumes {@link Topics#PLACEMENTS} (placements, removals, resize claims) and {@link Topics#INSTANCE_ACTIONS} (power
 * requests, snapshots, resize settlements, rebuilds) in the consumer group {@code agent-<host>}: each of them for this
 * host is recorded on disk (before its offset is committed), changes the instance's desired state and enqueues its
 * id; the reconciler does the rest (no power change, snapshot, resize or rebuild runs on the consumer thread). A
 * resize, revert or rebuild whose reference was asked before on this host ({@link DomainTaskJournal}) changes
 * nothing; one of an instance not known here or being deleted is reported failed at once. A power request whose generation is
 * not above the instance's current one (redelivered or overtaken), or for an instance not known here, is ignored; a
 * snapshot of an instance not known here or being deleted is reported failed at once (the report is sent on the
 * status publisher's thread). Idempotent, as delivery is at least once (a snapshot is pending once per image). The
 * subscription retries a failing handler until it succeeds, so an event that can never succeed (an unusable id) is
 * logged and dropped.
 */
@Singleton
public class PlacementListener implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PlacementListener.class);

    private final String bootstrapServers;
    private final String host;
    private final DesiredInstances desired;
    private final DesiredStateJournal journal;
    private final InstanceWorkQueue queue;
    private final SnapshotJournal snapshots;
    private final InstanceTaskReporter tasks;
    private final DomainTaskJournal domainTasks;
    private EventSubscription subscription;

    public PlacementListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            HostIdentity identity, DesiredInstances desired, DesiredStateJournal journal, InstanceWorkQueue queue,
            SnapshotJournal snapshots, InstanceTaskReporter tasks, DomainTaskJournal domainTasks) {
        this.bootstrapServers = bootstrapServers;
        this.host = identity.host();
        this.desired = desired;
        this.journal = journal;
        this.queue = queue;
        this.snapshots = snapshots;
        this.tasks = tasks;
        this.domainTasks = domainTasks;
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
            requestSnapshot(snapshot);
        } else if (event instanceof InstanceResizeClaimed claim && host.equals(claim.host())) {
            requestDomainTask(DomainTask.of(claim));
        } else if (event instanceof InstanceResizeSettled settled && host.equals(settled.host())) {
            requestDomainTask(DomainTask.of(settled));
        } else if (event instanceof InstanceRebuildRequested rebuild && host.equals(rebuild.host())) {
            requestDomainTask(DomainTask.of(rebuild));
        }
    }

    private void requestDomainTask(DomainTask task) {
        String id = task.instanceId();
        if (!InstanceFiles.isInstanceId(id)) {
            LOG.errorf("ignoring a %s with an unusable instance id: %s", task.task(), task.request());
            return;
        }
        if (!DomainTaskJournal.isReference(task.reference())) {
            refuseDomainTask(task, "unusable reference: " + task.reference());
            return;
        }
        Optional<DesiredInstance> known = desired.get(id);
        if (known.isEmpty()) {
            refuseDomainTask(task, "instance " + id + " is not on host " + host);
            return;
        }
        if (known.get().target() == DesiredState.DELETED) {
            refuseDomainTask(task, "the server is being deleted");
            return;
        }
        if (domainTasks.known(task)) {
            LOG.debugf("instance %s: %s %s asked before, ignored", id, task.task(), task.reference());
            return;
        }
        LOG.infof("instance %s: %s %s requested", id, task.task(), task.reference());
        domainTasks.requested(task);
        if (desired.requestDomainTask(task)) {
            queue.add(id);
        }
    }

    /** Reports a task that cannot be done here failed at once; a confirmation is not reported. */
    private void refuseDomainTask(DomainTask task, String fault) {
        LOG.warnf("instance %s: %s %s not done: %s", task.instanceId(), task.task(), task.reference(), fault);
        if (task.changesTheDomain()) {
            tasks.publish(tasks.finished(task.instanceId(), task.task(), task.reference(), false, fault), sent -> {
            });
        }
    }

    private void requestSnapshot(InstanceSnapshotRequested snapshot) {
        String id = snapshot.instanceId();
        if (!InstanceFiles.isInstanceId(id)) {
            LOG.errorf("ignoring a snapshot request with an unusable instance id: %s", snapshot);
            return;
        }
        if (!SnapshotJournal.isImageId(snapshot.imageId())) {
            refuseSnapshot(snapshot, "unusable image id: " + snapshot.imageId());
            return;
        }
        Optional<DesiredInstance> known = desired.get(id);
        if (known.isEmpty()) {
            refuseSnapshot(snapshot, "instance " + id + " is not on host " + host);
            return;
        }
        if (known.get().target() == DesiredState.DELETED) {
            refuseSnapshot(snapshot, "the server is being deleted");
            return;
        }
        LOG.infof("instance %s: snapshot to image %s requested", id, snapshot.imageId());
        snapshots.requested(snapshot);
        if (desired.requestSnapshot(snapshot)) {
            queue.add(id);
        }
    }

    private void refuseSnapshot(InstanceSnapshotRequested snapshot, String fault) {
        LOG.warnf("instance %s: snapshot %s not started: %s", snapshot.instanceId(), snapshot.imageId(), fault);
        tasks.publish(tasks.snapshotFinished(snapshot.instanceId(), snapshot.imageId(), false, fault), sent -> {
        });
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
