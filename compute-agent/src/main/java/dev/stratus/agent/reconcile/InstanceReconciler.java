package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.InstanceStatusReporter;
import dev.stratus.agent.image.ImageCache;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.instance.InstanceSpawner;
import dev.stratus.agent.network.NetworkDataplane;
import dev.stratus.contracts.VmState;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converges one instance: reads its desired state and what the driver shows, acts (spawn, power off, destroy
 * and clean up), and reports the state the driver shows afterwards. Level-triggered and idempotent: it can run
 * any number of times for any id, and a failure is thrown to the {@link ReconcileLoop}, which retries.
 */
@Singleton
public class InstanceReconciler {
    private static final Logger LOG = Logger.getLogger(InstanceReconciler.class);

    private final DesiredInstances desired;
    private final ComputeDriver driver;
    private final InstanceSpawner spawner;
    private final InstanceFiles files;
    private final ImageCache images;
    private final InstanceStatusReporter status;
    private final NetworkDataplane network;
    private final Set<String> unmanagedLogged = ConcurrentHashMap.newKeySet();

    public InstanceReconciler(DesiredInstances desired, ComputeDriver driver, InstanceSpawner spawner,
            InstanceFiles files, ImageCache images, InstanceStatusReporter status, NetworkDataplane network) {
        this.desired = desired;
        this.driver = driver;
        this.spawner = spawner;
        this.files = files;
        this.images = images;
        this.status = status;
        this.network = network;
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
        switch (instance.target()) {
            case DELETED -> delete(instance, actual);
            case RUNNING -> run(instance, actual);
            case STOPPED -> stop(instance, actual);
            default -> throw new IllegalStateException("unknown target " + instance.target());
        }
    }

    /** The reconcile loop gave up on the instance: it is reported in ERROR and not rebuilt. */
    public void giveUp(String instanceId, String fault) {
        desired.failed(instanceId, fault);
        PowerState power = driver.info(instanceId).map(InstanceInfo::powerState).orElse(PowerState.NOSTATE);
        status.report(instanceId, VmState.ERROR, power, fault);
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
        status.report(id, VmState.DELETED, PowerState.NOSTATE, null);
    }

    private void run(DesiredInstance instance, Optional<InstanceInfo> actual) {
        String id = instance.instanceId();
        boolean needsSpawn = actual.isEmpty()
                || (!instance.seenRunning() && actual.get().powerState() == PowerState.SHUTOFF);
        if (needsSpawn) {
            if (instance.fault() != null) {
                return;
            }
            if (instance.placement() == null) {
                status.report(id, VmState.ERROR, PowerState.NOSTATE,
                        "the domain disappeared from the hypervisor and this agent has no placement to rebuild it");
                return;
            }
            spawner.spawn(instance.placement());
            actual = driver.info(id);
            if (actual.isEmpty()) {
                throw new DriverException("instance " + id + " is not defined after spawn");
            }
        }
        observe(instance, actual.get().powerState());
    }

    private void stop(DesiredInstance instance, Optional<InstanceInfo> actual) {
        String id = instance.instanceId();
        if (actual.isEmpty()) {
            status.report(id, VmState.ERROR, PowerState.NOSTATE, "the domain disappeared from the hypervisor");
            return;
        }
        PowerState power = actual.get().powerState();
        if (power == PowerState.RUNNING || power == PowerState.PAUSED) {
            driver.powerOff(id);
            power = driver.info(id).map(InstanceInfo::powerState).orElse(PowerState.NOSTATE);
        }
        observe(instance, power);
    }

    /** Reports what the driver shows, in the terms of the instance's desired state. */
    private void observe(DesiredInstance instance, PowerState power) {
        String id = instance.instanceId();
        switch (power) {
            case RUNNING, PAUSED -> {
                desired.seenRunning(id);
                status.report(id, VmState.ACTIVE, power, null);
            }
            case SHUTOFF -> {
                if (instance.target() == DesiredState.RUNNING) {
                    LOG.infof("instance %s was shut down from inside the guest; it stays stopped", id);
                    desired.stoppedByGuest(id);
                }
                status.report(id, VmState.STOPPED, power, null);
            }
            case CRASHED -> status.report(id, VmState.ERROR, power, "the guest crashed");
            case SHUTDOWN, NOSTATE -> LOG.debugf("instance %s is %s; waiting for its next state", id, power);
            default -> throw new IllegalStateException("unknown power state " + power);
        }
    }
}
