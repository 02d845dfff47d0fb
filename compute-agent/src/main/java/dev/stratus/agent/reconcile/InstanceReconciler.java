package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.image.ImageCache;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.instance.InstanceSpawner;
import dev.stratus.agent.network.NetworkDataplane;
import dev.stratus.contracts.Incident;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converges one instance: reads its desired state and what the driver shows, builds the domain when it has none
 * (the first spawn from its placement, or again when it vanished behind the agent's back or with the agent's files:
 * {@link Incident#REBUILT_MISSING_DOMAIN}), whatever its target (one that should be stopped is powered off as soon as
 * it is built; paused or suspended, the {@link PowerConverger} takes it there), deletes and cleans up, and hands the
 * power state to the {@link PowerConverger}, which reports, once the instance's resizes and rebuilds
 * ({@link DomainTaskConverger}) are through (while one shuts the domain down, the power converger waits); then runs
 * the instance's pending snapshots
 * ({@link SnapshotConverger}), whatever came of the rest (their failures are their own, retried and reported apart).
 * Level-triggered and idempotent: it can run any number of times for any id, and a failure is thrown to the
 * {@link ReconcileLoop}, which retries and finally {@link #giveUp gives up}.
 *
 * <p>Everything done to one instance, a delete and a snapshot's flatten included, happens here, on the one worker
 * that the {@link InstanceWorkQueue} gives its id to: a delete never runs while a snapshot of the same instance reads
 * its disk, and a snapshot is never started once the instance is to be deleted (it is reported failed instead).
 */
@Singleton
public class InstanceReconciler {
    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class);

    private final DesiredInstances desired;
    private final ComputeDriver driver;
    private final InstanceSpawner spawner;
    private final InstanceFiles files;
    private final ImageCache images;
    private final InstanceReport report;
    private final PowerConverger power;
    private final NetworkDataplane network;
    private final SnapshotConverger snapshots;
    private final DomainTaskConverger domainTasks;
    private final Set<String> unmanagedLogged = ConcurrentHashMap.newKeySet();

    public InstanceReconciler(DesiredInstances desired, ComputeDriver driver, InstanceSpawner spawner,
            InstanceFiles files, ImageCache images, InstanceReport report, PowerConverger power,
            NetworkDataplane network, SnapshotConverger snapshots, DomainTaskConverger domainTasks) {
        this.desired = desired;
        this.driver = driver;
        this.spawner = spawner;
        this.files = files;
        this.images = images;
        this.report = report;
        this.power = power;
        this.network = network;
        this.snapshots = snapshots;
        this.domainTasks = domainTasks;
    }

    public void reconcile(String instanceId) {
        Optional<DesiredInstance> wanted = desired.get(instanceId);
        Optional<InstanceInfo> actual = driver.info(instanceId);
        if (wanted.isEmpty()) {
            if (actual.isPresent() && unmanagedLogged.add(instanceId)) {
                LOG.warnf("Stratus domain %s (%s) was not placed on this agent; leaving it alone", instanceId,
                        actual.get().powerState());
            }
            return;
        }
        DesiredInstance instance = wanted.get();
        if (instance.target() == DesiredState.DELETED) {
            snapshots.abandon(instanceId, SnapshotConverger.DELETING);
            domainTasks.abandon(instanceId, SnapshotConverger.DELETING);
            delete(instance, actual);
            return;
        }
        try {
            converge(instance, actual);
        } finally {
            snapshots.converge(instanceId);
        }
    }

    private void converge(DesiredInstance instance, Optional<InstanceInfo> actual) {
        String instanceId = instance.instanceId();
        if (instance.fault() != null) {
            report.error(instanceId, actual.map(InstanceInfo::powerState).orElse(PowerState.NOSTATE),
                    instance.fault());
            domainTasks.abandon(instanceId, "the server is in ERROR on its host: " + instance.fault());
            return;
        }
        Incident incident = null;
        if (needsSpawn(instance, actual)) {
            if (instance.placement() == null) {
                report.error(instanceId, PowerState.NOSTATE,
                        "the domain disappeared from the hypervisor and this agent has no placement to rebuild it");
                return;
            }
            if (actual.isEmpty() && instance.seenRunning()) {
                LOG.warnf("instance %s: its domain disappeared from the hypervisor; building it again (%s)",
                        instanceId, instance.target());
                incident = Incident.REBUILT_MISSING_DOMAIN;
            }
            spawner.spawn(instance.placement());
            if (instance.target() == DesiredState.STOPPED) {
                driver.powerOff(instanceId); // built only to exist again: it just started booting, nothing to ask
            }
            actual = driver.info(instanceId);
            if (actual.isEmpty()) {
                throw new DriverException("instance " + instanceId + " is not defined after spawn");
            }
        }
        if (!instance.domainTasks().isEmpty()) {
            if (domainTasks.converge(instanceId, actual.get())) {
                return; // the domain is being shut down for a resize or rebuild: not the guest's doing, not reported
            }
            instance = desired.get(instanceId).orElseThrow();
            actual = driver.info(instanceId);
            if (actual.isEmpty()) {
                throw new DriverException("instance " + instanceId + " is not defined after its resize or rebuild");
            }
        }
        power.converge(instance, actual.get(), incident);
    }

    /** The reconcile loop gave up on the instance: it is reported in ERROR and left alone until a new request. */
    public void giveUp(String instanceId, String fault) {
        desired.failed(instanceId, fault);
        PowerState state = driver.info(instanceId).map(InstanceInfo::powerState).orElse(PowerState.NOSTATE);
        report.error(instanceId, state, fault);
    }

    /** No domain, or one that never ran here and is shut off (a first start that failed: define and start again). */
    private static boolean needsSpawn(DesiredInstance instance, Optional<InstanceInfo> actual) {
        return actual.isEmpty() || (instance.target() == DesiredState.RUNNING && !instance.seenRunning()
                && actual.get().powerState() == PowerState.SHUTOFF && !actual.get().savedToDisk());
    }

    private void delete(DesiredInstance instance, Optional<InstanceInfo> actual) {
        String id = instance.instanceId();
        if (actual.isPresent()) {
            driver.destroy(id);
            if (driver.info(id).isPresent()) {
                throw new DriverException("instance " + id + " is still defined after destroy");
            }
        }
        files.remove(id);
        if (instance.placement() != null && !instance.placement().portsOrEmpty().isEmpty()) {
            network.converge(false); // its taps went with the domain; drop its rules, DHCP entries, idle networks
        }
        images.evictUnused(files.imagesInUse());
        report.deleted(id, instance.power().applied());
    }
}
