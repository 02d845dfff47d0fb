package dev.stratus.agent.reconcile;

import dev.stratus.agent.client.HostInstance;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.PowerOperation;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Set;

/**
 * Takes on an instance the control plane lists for this host but the agent does not know (its state directory was
 * wiped, {@code ./stratus down} removed its domain and files, its placement never arrived): journals its placement,
 * power request and progress, places it with the control plane's target and generation, and enqueues it. The
 * reconciler then builds it from its image and converges its power state; if it cannot be built (the image is gone
 * from image-service) it ends in ERROR with the reason, never ACTIVE without a domain.
 *
 * <p>Whether the build is reported as {@link dev.stratus.contracts.Incident#REBUILT_MISSING_DOMAIN} depends on
 * whether the instance ran before, which the agent can no longer see: it did if api-service's recorded status
 * ({@code vm_state}, when the route sends it) is past BUILDING and not ERROR, or if it had a power request
 * (generation above 0: only a built instance takes one) or a target other than RUNNING (set by a request or by its
 * guest's own shutdown). An instance still BUILDING is a first build, not a rebuild. Such an instance is recorded as
 * seen running before its current request ({@link PowerProgress#running()} = generation - 1, at least 0), which is
 * what makes the reconciler say so. The power request journaled is the control plane's last one, or, if the
 * target differs from where it leads (a guest's own shutdown), one at the same generation that leads there, so
 * that a restart of the agent recovers the same target.
 *
 * <p>Without a placement it cannot be built: it is kept in ERROR with a fault saying so (the agent has no domain of
 * it, else {@link DesiredStateRecovery} would have adopted it), until a placement or a power request comes.
 */
@Singleton
public class UnknownInstanceAdoption {
    private static final Logger LOG = Logger.getLogger(UnknownInstanceAdoption.class);
    private static final Set<String> NOT_RUN_YET = Set.of("BUILDING", "ERROR");
    static final String NO_PLACEMENT = "the control plane has no placement for this instance (flavor, image, ports "
            + "unknown): it cannot be built on this host";

    private final DesiredInstances desired;
    private final DesiredStateJournal journal;
    private final InstanceWorkQueue queue;

    public UnknownInstanceAdoption(DesiredInstances desired, DesiredStateJournal journal, InstanceWorkQueue queue) {
        this.desired = desired;
        this.journal = journal;
        this.queue = queue;
    }

    /** Places {@code listed} (not known here) with {@code target} (not DELETED) and enqueues it. */
    void adopt(HostInstance listed, DesiredState target) {
        String id = listed.instanceId();
        long generation = listed.powerOperation() == null ? 0 : listed.powerGeneration();
        PowerOperation operation = operationTo(target, listed.powerOperation());
        boolean ranBefore = ranBefore(listed, target);
        long running = ranBefore ? Math.max(0, generation - 1) : -1;
        PowerProgress power = new PowerProgress(generation, operation, 0, running, null, null);
        if (listed.placement() == null) {
            LOG.errorf("instance %s: listed for this host without a placement; it cannot be built", id);
            desired.restore(id, target, null, power);
            desired.failed(id, NO_PLACEMENT);
            queue.add(id);
            return;
        }
        LOG.infof("instance %s: listed by the control plane but unknown here; building it (%s, generation %d%s)", id,
                target, generation, ranBefore ? ", it ran before" : "");
        journal.placed(listed.placement());
        if (operation != null) {
            journal.powerRequested(new InstancePowerRequested("sync-" + id + "-" + generation,
                    InstancePowerRequested.VERSION, id, listed.placement().projectId(), listed.placement().host(),
                    generation, operation, Instant.now()));
        }
        if (ranBefore) {
            journal.progress(id, 0, running);
        }
        desired.restore(id, target, listed.placement(), power);
        queue.add(id);
    }

    /**
     * The operation recorded for the instance: the control plane's last one if it leads to {@code target}, else
     * (its guest shut itself down since, or it never had a request) the one that does; null for RUNNING without any.
     */
    private static PowerOperation operationTo(DesiredState target, PowerOperation last) {
        if (last != null && DesiredState.after(last) == target) {
            return last;
        }
        return switch (target) {
            case RUNNING -> last == null ? null : PowerOperation.START;
            case STOPPED -> PowerOperation.STOP;
            case PAUSED -> PowerOperation.PAUSE;
            case SUSPENDED -> PowerOperation.SUSPEND;
            case DELETED -> throw new IllegalArgumentException("a deleted instance is not adopted");
        };
    }

    private static boolean ranBefore(HostInstance listed, DesiredState target) {
        if (listed.vmState() != null && !NOT_RUN_YET.contains(listed.vmState())) {
            return true;
        }
        return listed.powerGeneration() > 0 || target != DesiredState.RUNNING;
    }
}
