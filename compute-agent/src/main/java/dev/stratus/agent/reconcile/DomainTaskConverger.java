package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.InstanceTaskReporter;
import dev.stratus.agent.image.ImageCache;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.instance.InstanceRebuilder;
import dev.stratus.agent.instance.InstanceResizer;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceTaskFinished;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an instance's pending {@link DomainTask}s (resize, revert, confirmation, rebuild) in the order they were asked
 * for, as a step of the instance's reconcile on the worker that holds its id, and reports their end
 * ({@link InstanceTaskFinished}; a confirmation is not reported).
 * <ul>
 * <li>A task that changes the domain first takes it to shut off ({@link DomainShutdown}: ACPI, forced after the
 * grace period), over as many passes as that takes; meanwhile the {@link PowerConverger} leaves the instance alone
 * and nothing is reported of it, so the agent's own shutdown is neither a guest's shutdown nor a domain destroyed
 * behind its back. Then, with the domain off, the task runs in one go ({@link InstanceResizer},
 * {@link InstanceRebuilder}) and the domain is started again if the instance is meant to run (target RUNNING, or
 * PAUSED, which the power converger then pauses).</li>
 * <li>A task that succeeds makes its flavor and image the instance's placement (journaled), from which it is built
 * again after a wipe or when its domain vanished. One that fails puts back what it changed (the old disk, the old
 * flavor, the domain running if it ran) and is reported failed with why.</li>
 * <li>The outcome is journaled ({@link DomainTaskJournal}) before it is published; the task is forgotten, but its key
 * kept as done, once the broker has it. A copy of a disk no longer needed (after a revert, a rebuild) is deleted once
 * the outcome is journaled, so a task repeated after a restart still finds what it needs.</li>
 * <li>A task of an instance being deleted or given up in ERROR is not started: it is reported failed.</li>
 * </ul>
 */
@Singleton
public class DomainTaskConverger {
    private static final Logger LOG = Logger.getLogger(DomainTaskConverger.class);
    static final String NO_PLACEMENT = "this agent has no placement of the instance (flavor, image, ports): it "
            + "cannot define its domain";

    private final DesiredInstances desired;
    private final DomainTaskJournal journal;
    private final DesiredStateJournal placements;
    private final ComputeDriver driver;
    private final DomainShutdown shutdown;
    private final InstanceResizer resizer;
    private final InstanceRebuilder rebuilder;
    private final InstanceTaskReporter reporter;
    private final InstanceFiles files;
    private final ImageCache images;
    private final Set<String> publishing = ConcurrentHashMap.newKeySet();

    public DomainTaskConverger(DesiredInstances desired, DomainTaskJournal journal, DesiredStateJournal placements,
            ComputeDriver driver, DomainShutdown shutdown, InstanceResizer resizer, InstanceRebuilder rebuilder,
            InstanceTaskReporter reporter, InstanceFiles files, ImageCache images) {
        this.desired = desired;
        this.journal = journal;
        this.placements = placements;
        this.driver = driver;
        this.shutdown = shutdown;
        this.resizer = resizer;
        this.rebuilder = rebuilder;
        this.reporter = reporter;
        this.files = files;
        this.images = images;
    }

    /**
     * Runs the instance's pending tasks with its domain ({@code info}); true while one waits for the domain to shut
     * down (the caller then leaves its power state alone and reports nothing).
     */
    boolean converge(String instanceId, InstanceInfo info) {
        for (DomainTask task : tasks(instanceId)) {
            if (task.finished()) {
                settle(task);
                report(task);
                continue;
            }
            if (!task.changesTheDomain()) {
                confirm(task);
                continue;
            }
            if (!shutdown.reached(info, task)) {
                return true;
            }
            DesiredInstance instance = desired.get(instanceId).orElseThrow();
            InstanceTaskFinished outcome = instance.placement() == null ? failed(task, NO_PLACEMENT)
                    : run(task, instance.placement());
            finish(task, outcome);
            info = driver.info(instanceId).orElseThrow(() -> new DriverException("instance " + instanceId
                    + " vanished from the hypervisor during its " + task.task()));
        }
        return false;
    }

    /** The instance is being deleted or is in ERROR: none of its tasks is started; each is reported failed. */
    void abandon(String instanceId, String fault) {
        for (DomainTask task : tasks(instanceId)) {
            shutdown.forget(instanceId, task);
            if (task.finished()) {
                report(task);
            } else if (!task.changesTheDomain()) {
                journal.done(task);
                desired.domainTaskDone(task);
            } else {
                LOG.warnf("instance %s: %s %s not done: %s", instanceId, task.task(), task.reference(), fault);
                finish(task, failed(task, fault));
            }
        }
    }

    private InstanceTaskFinished run(DomainTask task, InstancePlaced placement) {
        LOG.infof("instance %s: %s %s", placement.instanceId(), task.task(), task.reference());
        if (task.request() instanceof InstanceResizeClaimed claim) {
            return resize(task, claim, placement);
        }
        if (task.request() instanceof InstanceResizeSettled settled) {
            return revert(task, settled, placement);
        }
        return rebuild(task, (InstanceRebuildRequested) task.request(), placement);
    }

    private InstanceTaskFinished resize(DomainTask task, InstanceResizeClaimed claim, InstancePlaced placement) {
        InstancePlaced before = claim.from() == null ? placement : with(placement, claim.from(), placement.image());
        InstancePlaced after = with(placement, claim.to(), placement.image());
        try {
            resizer.resize(after);
            startIfMeantTo(after.instanceId());
            adopt(after);
            return succeeded(task);
        } catch (RuntimeException e) {
            LOG.warnf(e, "instance %s: resize %s failed; putting it back", placement.instanceId(), task.reference());
            return failed(task, "resize to flavor " + name(claim.to()) + " failed: " + message(e)
                    + putBack(before, () -> resizer.undo(before)));
        }
    }

    private InstanceTaskFinished revert(DomainTask task, InstanceResizeSettled settled, InstancePlaced placement) {
        InstancePlaced reverted = settled.flavor() == null ? placement
                : with(placement, settled.flavor(), placement.image());
        try {
            resizer.revert(reverted);
            startIfMeantTo(reverted.instanceId());
            adopt(reverted);
            return succeeded(task);
        } catch (RuntimeException e) {
            LOG.warnf(e, "instance %s: revert of resize %s failed", placement.instanceId(), task.reference());
            return failed(task, "revert of the resize failed: " + message(e) + putBack(placement, () -> { }));
        }
    }

    private InstanceTaskFinished rebuild(DomainTask task, InstanceRebuildRequested request, InstancePlaced placement) {
        InstancePlaced rebuilt = with(placement, request.flavor() == null ? placement.flavor() : request.flavor(),
                request.image());
        try {
            rebuilder.rebuild(rebuilt);
            startIfMeantTo(rebuilt.instanceId());
            adopt(rebuilt);
            return succeeded(task);
        } catch (RuntimeException e) {
            LOG.warnf(e, "instance %s: rebuild %s failed; putting the old disk back", placement.instanceId(),
                    task.reference());
            String image = request.image() == null ? null : request.image().id();
            return failed(task, "rebuild from image " + image + " failed: " + message(e)
                    + putBack(placement, () -> rebuilder.undo(placement)));
        }
    }

    /** Undoes a failed task with the domain off and starts it again if it should run; says how that went. */
    private String putBack(InstancePlaced before, Runnable undo) {
        String id = before.instanceId();
        try {
            if (driver.info(id).map(i -> i.powerState() != PowerState.SHUTOFF).orElse(false)) {
                driver.powerOff(id);
            }
            undo.run();
            startIfMeantTo(id);
            adopt(before);
            return "; the server is back as it was (flavor " + name(before.flavor()) + ", image "
                    + (before.image() == null ? null : before.image().id()) + ")";
        } catch (RuntimeException e) {
            LOG.errorf(e, "instance %s: cannot put it back as it was", id);
            return "; putting it back as it was failed too: " + message(e);
        }
    }

    private void startIfMeantTo(String instanceId) {
        DesiredState target = desired.get(instanceId).map(DesiredInstance::target).orElse(DesiredState.DELETED);
        if (target == DesiredState.RUNNING || target == DesiredState.PAUSED) {
            driver.powerOn(instanceId);
        }
    }

    /** From now on the instance is built from {@code placement} (its new flavor or image). */
    private void adopt(InstancePlaced placement) {
        placements.placed(placement);
        desired.replacePlacement(placement);
    }

    private void confirm(DomainTask task) {
        String id = task.instanceId();
        LOG.infof("instance %s: resize %s confirmed; deleting the copy of its old disk", id, task.reference());
        resizer.forgetCopy(id);
        journal.done(task);
        desired.domainTaskDone(task);
        images.evictUnused(files.imagesInUse());
    }

    private void finish(DomainTask task, InstanceTaskFinished outcome) {
        try {
            journal.finished(task, outcome);
        } catch (RuntimeException e) { // still reported now; after a restart it would be run again
            LOG.warnf("instance %s: cannot journal the outcome of %s: %s", task.instanceId(), task.key(), e);
        }
        desired.domainTaskFinished(task, outcome);
        DomainTask finished = task.withOutcome(outcome);
        settle(finished);
        report(finished);
    }

    /** Deletes the copy of a disk a finished task no longer needs (idempotent: also run again after a restart). */
    private void settle(DomainTask task) {
        if (!task.outcome().succeeded()) {
            return;
        }
        try {
            if (InstanceTaskFinished.REVERT_RESIZE.equals(task.task())) {
                resizer.forgetCopy(task.instanceId());
            } else if (InstanceTaskFinished.REBUILD.equals(task.task())) {
                rebuilder.forgetOldDisk(task.instanceId());
            } else {
                return;
            }
            images.evictUnused(files.imagesInUse());
        } catch (RuntimeException e) {
            LOG.warnf("instance %s: cannot delete the old disk after %s: %s", task.instanceId(), task.key(), e);
        }
    }

    private void report(DomainTask task) {
        String key = task.instanceId() + "/" + task.key();
        if (!publishing.add(key)) {
            return; // already on its way
        }
        reporter.publish(task.outcome(), published -> {
            if (published) {
                journal.done(task);
                desired.domainTaskDone(task);
            }
            publishing.remove(key);
        });
    }

    private InstanceTaskFinished succeeded(DomainTask task) {
        return reporter.finished(task.instanceId(), task.task(), task.reference(), true, null);
    }

    private InstanceTaskFinished failed(DomainTask task, String fault) {
        return reporter.finished(task.instanceId(), task.task(), task.reference(), false, fault);
    }

    private List<DomainTask> tasks(String instanceId) {
        return desired.get(instanceId).map(DesiredInstance::domainTasks).orElse(List.of());
    }

    private static InstancePlaced with(InstancePlaced placement, FlavorSpec flavor, ImageRef image) {
        return placement.withFlavorAndImage(flavor, image); // its ports and guest identity stay
    }

    private static String name(FlavorSpec flavor) {
        return flavor == null ? null : flavor.name();
    }

    private static String message(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
