package dev.stratus.agent.reconcile;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.PowerOperation;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Converges the power state of an instance whose domain exists to its target (running, stopped, paused, suspended)
 * and reports the result. Level-triggered: each call looks at the domain and does the next step only. Graceful
 * actions never block a worker: an ACPI shutdown or reboot is asked for, recorded as a {@link PowerTask}, and a
 * re-check is timed for the end of {@code stratus.agent.shutdown-grace}, when it is forced (power off, reset) if the
 * guest has not obeyed.
 *
 * <p>A domain found shut off while it should run is told apart by libvirt's reason and by whether the agent saw it
 * running at the current request's generation ({@link PowerProgress#running()}, journaled): not yet → start it (a
 * START/RESUME not carried out yet, whatever the old reason); seen running and the guest shut itself down → leave
 * it off, the target becomes STOPPED, report {@link Incident#GUEST_SHUTDOWN}; seen running and destroyed, crashed
 * or anything else → start it again and report {@link Incident#RESTARTED_AFTER_DESTROY} or
 * {@link Incident#RESTARTED_AFTER_CRASH}.
 */
@Singleton
public class PowerConverger {
    private static final Logger LOG = Logger.getLogger(PowerConverger.class);
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final DesiredInstances desired;
    private final DesiredStateJournal journal;
    private final ComputeDriver driver;
    private final ReconcileTimers timers;
    private final InstanceReport report;
    private final Duration grace;

    public PowerConverger(DesiredInstances desired, DesiredStateJournal journal, ComputeDriver driver,
            ReconcileTimers timers, InstanceReport report, AgentConfig config) {
        this.desired = desired;
        this.journal = journal;
        this.driver = driver;
        this.timers = timers;
        this.report = report;
        this.grace = config.shutdownGrace();
    }

    /** Converges {@code instance} (target not DELETED) with its domain {@code info}; {@code incident} so far. */
    void converge(DesiredInstance instance, InstanceInfo info, Incident incident) {
        switch (instance.target()) {
            case RUNNING -> run(instance, info, incident);
            case STOPPED -> stop(instance, info, incident);
            case PAUSED -> pause(instance, info, incident);
            case SUSPENDED -> suspend(instance, info, incident);
            default -> throw new IllegalStateException("not a power target: " + instance.target());
        }
    }

    private void run(DesiredInstance instance, InstanceInfo info, Incident incident) {
        String id = instance.instanceId();
        PowerProgress power = instance.power();
        long generation = power.generation();
        PowerTask task = power.task();
        if (task != null && task.is(PowerOperation.SOFT_REBOOT, generation)) {
            if (info.resets() <= task.resetsBefore() && task.within(grace)) {
                timers.recheck(id, task.remaining(grace));
                report.observed(id, info, incident);
                return;
            }
            if (info.resets() <= task.resetsBefore()) {
                LOG.infof("instance %s did not reboot within %s of an ACPI reboot; resetting it", id, grace);
                driver.reboot(id);
            }
            finish(id, generation, PowerProgress::runningNow);
            report.observed(id, refresh(id), incident);
            return;
        }
        boolean booted = false;
        boolean unpaused = false;
        switch (info.powerState()) {
            case SHUTOFF -> {
                if (power.runningAtCurrentGeneration()) {
                    switch (info.shutoffReason()) {
                        case GUEST_SHUTDOWN -> {
                            guestShutDown(instance, info);
                            return;
                        }
                        case CRASHED -> incident = Incident.RESTARTED_AFTER_CRASH;
                        default -> incident = Incident.RESTARTED_AFTER_DESTROY;
                    }
                    LOG.warnf("instance %s was shut off behind the agent's back (%s); starting it again", id,
                            info.shutoffReason());
                }
                driver.powerOn(id);
                booted = true;
            }
            case CRASHED -> {
                driver.powerOff(id);
                driver.powerOn(id);
                booted = true;
                incident = power.runningAtCurrentGeneration() ? Incident.RESTARTED_AFTER_CRASH : incident;
            }
            case PAUSED -> {
                if (!power.runningAtCurrentGeneration()) {
                    driver.unpause(id);
                    unpaused = true;
                }
            }
            case SHUTDOWN, NOSTATE -> timers.recheck(id, SETTLE);
            default -> {
            }
        }
        InstanceInfo shown = booted || unpaused ? refresh(id) : info;
        if (shown.powerState() != PowerState.RUNNING) {
            report.observed(id, shown, incident);
            return;
        }
        if (power.pendingReboot() == PowerOperation.SOFT_REBOOT && !booted) {
            LOG.infof("instance %s: ACPI reboot (generation %d)", id, generation);
            desired.progress(id, generation, p -> p.withTask(
                    new PowerTask(PowerOperation.SOFT_REBOOT, generation, Instant.now(), shown.resets())));
            try {
                driver.softReboot(id);
            } catch (DriverException e) {
                desired.progress(id, generation, p -> p.withTask(null));
                throw e;
            }
            timers.recheck(id, grace);
            report.observed(id, shown, incident);
            return;
        }
        if (power.pendingReboot() == PowerOperation.HARD_REBOOT && !booted) {
            LOG.infof("instance %s: hard reboot (generation %d)", id, generation);
            driver.reboot(id);
        }
        finish(id, generation, PowerProgress::runningNow);
        report.observed(id, shown, incident);
    }

    private void guestShutDown(DesiredInstance instance, InstanceInfo info) {
        String id = instance.instanceId();
        if (desired.stoppedByGuest(id, instance.power().generation())) {
            LOG.infof("instance %s was shut down from inside the guest; it stays stopped", id);
            report.observed(id, info, Incident.GUEST_SHUTDOWN);
        }
    }

    private void stop(DesiredInstance instance, InstanceInfo info, Incident incident) {
        String id = instance.instanceId();
        PowerProgress power = instance.power();
        long generation = power.generation();
        switch (info.powerState()) {
            case RUNNING, SHUTDOWN -> {
                if (power.operation() == PowerOperation.FORCE_STOP || graceIsOver(instance, info)) {
                    driver.powerOff(id);
                }
            }
            case PAUSED, CRASHED -> driver.powerOff(id);
            case SHUTOFF -> {
                if (info.savedToDisk()) {
                    driver.discardSavedMemory(id);
                }
            }
            default -> timers.recheck(id, SETTLE);
        }
        InstanceInfo now = refresh(id);
        if (now.powerState() == PowerState.SHUTOFF) {
            finish(id, generation, PowerProgress::appliedNow);
        }
        report.observed(id, now, incident);
    }

    /**
     * Asks the guest to shut down if that was not asked for this generation yet, and times a re-check for the end of
     * the grace period; true once the period is over and the domain must be forced off.
     */
    private boolean graceIsOver(DesiredInstance instance, InstanceInfo info) {
        String id = instance.instanceId();
        long generation = instance.power().generation();
        PowerTask task = instance.power().task();
        if (task == null || !task.is(PowerOperation.STOP, generation)) {
            LOG.infof("instance %s: ACPI shutdown, forced off after %s", id, grace);
            desired.progress(id, generation, p -> p.withTask(
                    new PowerTask(PowerOperation.STOP, generation, Instant.now(), info.resets())));
            driver.shutdown(id);
            timers.recheck(id, grace);
            return false;
        }
        if (task.within(grace)) {
            timers.recheck(id, task.remaining(grace));
            return false;
        }
        LOG.infof("instance %s did not shut down within %s; forcing it off", id, grace);
        return true;
    }

    private void pause(DesiredInstance instance, InstanceInfo info, Incident incident) {
        String id = instance.instanceId();
        if (info.powerState() == PowerState.RUNNING) {
            driver.pause(id);
            info = refresh(id);
        }
        if (info.powerState() == PowerState.PAUSED) {
            finish(id, instance.power().generation(), PowerProgress::appliedNow);
        }
        report.observed(id, info, incident);
    }

    private void suspend(DesiredInstance instance, InstanceInfo info, Incident incident) {
        String id = instance.instanceId();
        if (info.powerState() == PowerState.RUNNING || info.powerState() == PowerState.PAUSED) {
            LOG.infof("instance %s: saving its memory to disk", id);
            driver.suspend(id);
            info = refresh(id);
        }
        if (info.powerState() == PowerState.SHUTOFF && info.savedToDisk()) {
            finish(id, instance.power().generation(), PowerProgress::appliedNow);
        }
        report.observed(id, info, incident);
    }

    /** Records progress for {@code generation} (unless a newer request came in) and journals it if it changed. */
    private void finish(String id, long generation, UnaryOperator<PowerProgress> change) {
        PowerProgress before = desired.get(id).map(DesiredInstance::power).orElse(null);
        desired.progress(id, generation, change).map(DesiredInstance::power).ifPresent(after -> {
            if (before == null || before.applied() != after.applied() || before.running() != after.running()) {
                journal.progress(id, after.applied(), after.running());
            }
        });
    }

    private InstanceInfo refresh(String id) {
        return driver.info(id).orElseThrow(() -> new DriverException("instance " + id + " vanished from the "
                + "hypervisor while its power state was changed"));
    }
}
