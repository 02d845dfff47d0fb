package dev.stratus.agent.reconcile;

import dev.stratus.agent.client.ControlPlaneUnavailable;
import dev.stratus.agent.client.HostInstance;
import dev.stratus.agent.client.HostInstancesClient;
import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Converges the agent's desired state to the control plane's, the source of desired state: at start-up (after
 * {@link DesiredStateRecovery}, on its own thread so readiness never waits for api-service) and every
 * {@code stratus.agent.desired-state-sync-interval}, it reads the instances api-service has placed on this host
 * ({@link HostInstancesClient}) and, journaling first as the {@code PlacementListener} does:
 * <ul>
 * <li>an instance the agent does not know (its files were wiped, its placement never arrived) is placed with the
 * control plane's desired state and power request, and enqueued: the reconciler builds it from its image and
 * converges its power state ({@link UnknownInstanceAdoption} says when that is reported as a rebuild); without a
 * placement it is reported in ERROR, as it cannot be built;</li>
 * <li>a known instance whose power generation is below the control plane's gets the missed request, as if its
 * {@code InstancePowerRequested} had arrived; a known instance without a placement (a domain adopted at start-up)
 * gets the control plane's;</li>
 * <li>desired state DELETED: the instance is removed, as an {@code InstanceRemoveRequested} would;</li>
 * <li>an instance the agent has that the control plane does not list is left alone (it may have been placed after
 * the list was read, or be deleted already) and logged once;</li>
 * <li>api-service unreachable or not answering 200: a warning, and the next interval tries again; nothing is ever
 * removed for it.</li>
 * </ul>
 * A known instance's target is otherwise left to the power generation: the agent's own changes (a guest's shutdown
 * honoured) are not overridden.
 */
@Singleton
public class DesiredStateSync {
    private static final Logger LOG = Logger.getLogger(DesiredStateSync.class);

    private final HostInstancesClient client;
    private final String host;
    private final DesiredInstances desired;
    private final DesiredStateJournal journal;
    private final InstanceWorkQueue queue;
    private final UnknownInstanceAdoption adoption;
    private final Set<String> unlistedLogged = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "desired-state-sync");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean started = new AtomicBoolean();

    public DesiredStateSync(HostInstancesClient client, HostIdentity identity, DesiredInstances desired,
            DesiredStateJournal journal, InstanceWorkQueue queue, UnknownInstanceAdoption adoption) {
        this.client = client;
        this.host = identity.host();
        this.desired = desired;
        this.journal = journal;
        this.queue = queue;
        this.adoption = adoption;
    }

    /** Syncs at once on the sync thread, then every {@code interval}; a second call changes nothing. */
    public void start(Duration interval) {
        if (!timer.isShutdown() && started.compareAndSet(false, true)) {
            timer.scheduleWithFixedDelay(this::syncQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    public void stop() {
        timer.shutdownNow();
    }

    /**
     * Reads the control plane's instances of this host and converges to them; returns how many were listed, or
     * empty if api-service could not be asked (then nothing changed).
     */
    public synchronized Optional<Integer> sync() {
        List<HostInstance> listed;
        try {
            listed = client.instances(host);
        } catch (ControlPlaneUnavailable e) {
            LOG.warnf("cannot read this host's desired state from api-service, trying again later: %s",
                    e.getMessage());
            return Optional.empty();
        }
        for (HostInstance instance : listed) {
            if (instance.instanceId() == null || !InstanceFiles.isInstanceId(instance.instanceId())) {
                LOG.errorf("api-service listed an instance with an unusable id, ignored: %s", instance.instanceId());
                continue;
            }
            try {
                converge(instance);
            } catch (RuntimeException e) { // a journal write failed: the next sync tries again
                LOG.warnf("instance %s: cannot converge to the control plane's desired state: %s",
                        instance.instanceId(), e.toString());
            }
        }
        logUnlisted(listed.stream().map(HostInstance::instanceId).collect(Collectors.toSet()));
        return Optional.of(listed.size());
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warnf("desired state sync failed: %s", e.toString());
        }
    }

    private void converge(HostInstance listed) {
        String id = listed.instanceId();
        DesiredState target = target(listed);
        if (target == null) {
            LOG.warnf("instance %s: unknown desired state %s from api-service, ignored", id, listed.desiredState());
            return;
        }
        Optional<DesiredInstance> known = desired.get(id);
        if (target == DesiredState.DELETED) {
            if (known.isEmpty() || known.get().target() != DesiredState.DELETED) {
                LOG.infof("instance %s: the control plane wants it deleted; removing it", id);
                journal.removed(id);
                desired.remove(id);
                queue.add(id);
            }
            return;
        }
        if (known.isEmpty()) {
            adoption.adopt(listed, target);
            return;
        }
        DesiredInstance instance = known.get();
        if (instance.target() == DesiredState.DELETED) {
            return; // removed here; the control plane has not seen the DELETED status yet
        }
        if (instance.placement() == null && listed.placement() != null) {
            journal.placed(listed.placement());
            desired.place(listed.placement());
        }
        if (listed.powerGeneration() > instance.power().generation() && listed.powerOperation() != null) {
            InstancePowerRequested missed = missedRequest(listed, instance.placement());
            LOG.infof("instance %s: applying the missed %s (generation %d, this agent had %d)", id,
                    missed.operation(), missed.generation(), instance.power().generation());
            journal.powerRequested(missed);
            if (desired.requestPower(missed)) {
                queue.add(id);
            }
        }
    }

    /** The power request the control plane's listing stands for, as if its event had arrived. */
    private static InstancePowerRequested missedRequest(HostInstance listed, InstancePlaced knownPlacement) {
        InstancePlaced placement = listed.placement() != null ? listed.placement() : knownPlacement;
        return new InstancePowerRequested("sync-" + listed.instanceId() + "-" + listed.powerGeneration(),
                InstancePowerRequested.VERSION, listed.instanceId(), placement == null ? null : placement.projectId(),
                placement == null ? null : placement.host(), listed.powerGeneration(), listed.powerOperation(),
                Instant.now());
    }

    private static DesiredState target(HostInstance listed) {
        try {
            return listed.desiredState() == null ? null : DesiredState.valueOf(listed.desiredState());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void logUnlisted(Set<String> listed) {
        Set<String> known = desired.all().stream().filter(d -> d.target() != DesiredState.DELETED)
                .map(DesiredInstance::instanceId).collect(Collectors.toSet());
        unlistedLogged.retainAll(known);
        unlistedLogged.removeAll(listed);
        for (String id : known) {
            if (!listed.contains(id) && unlistedLogged.add(id)) {
                LOG.infof("instance %s is not listed by the control plane for host %s; leaving it alone (placed "
                        + "after the list was read, or deleted already)", id, host);
            }
        }
    }
}
