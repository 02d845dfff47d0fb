package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds the desired state at start-up from the {@link DesiredStateJournal} and the hypervisor (the truth):
 * <ul>
 * <li>a recorded removal is finished;</li>
 * <li>a recorded power request gives the target and generation (a reboot not seen through before the restart is
 * done again); the journaled progress says whether the domain was seen running at that generation, so that the
 * reconciler still tells a guest's own shutdown (stays off) from a request not carried out yet (started);</li>
 * <li>a recorded placement without a power request should run (and a domain that has not run here yet is built);
 * without any recorded progress (a journal older than power requests) its domain is desired as libvirt shows
 * it;</li>
 * <li>a Stratus domain with no record is adopted as libvirt shows it: running stays running, paused stays paused,
 * saved stays suspended, shut off stays stopped;</li>
 * <li>a recorded snapshot ({@link SnapshotJournal}) of an instance known by then is pending again: it is run, or only
 * reported when its outcome was recorded but perhaps not published;</li>
 * <li>a recorded resize, revert, confirmation or rebuild ({@link DomainTaskJournal}) likewise (every step of one is
 * idempotent, so one cut short by the restart is run again from the start).</li>
 * </ul>
 * Every recovered id is enqueued, so its state is converged and reported.
 */
@Singleton
public class DesiredStateRecovery {
    private static final Logger LOG = Logger.getLogger(DesiredStateRecovery.class);

    private final ComputeDriver driver;
    private final DesiredStateJournal journal;
    private final DesiredInstances desired;
    private final InstanceWorkQueue queue;
    private final SnapshotJournal snapshots;
    private final DomainTaskJournal domainTasks;

    public DesiredStateRecovery(ComputeDriver driver, DesiredStateJournal journal, DesiredInstances desired,
            InstanceWorkQueue queue, SnapshotJournal snapshots, DomainTaskJournal domainTasks) {
        this.driver = driver;
        this.domainTasks = domainTasks;
        this.journal = journal;
        this.snapshots = snapshots;
        this.desired = desired;
        this.queue = queue;
    }

    /**
     * Restores everything first (the recorded snapshots are read before anything can remove an instance's files),
     * then enqueues every recovered id.
     */
    public void recover() {
        Map<String, InstanceInfo> domains = driver.list().stream()
                .collect(Collectors.toMap(InstanceInfo::instanceId, Function.identity(), (a, b) -> a));
        List<SnapshotTask> recordedSnapshots = snapshots.load();
        List<DomainTask> recordedTasks = domainTasks.load();
        Set<String> recovered = new LinkedHashSet<>();
        for (DesiredStateJournal.Entry entry : journal.load()) {
            InstanceInfo domain = domains.get(entry.instanceId());
            PowerProgress power = PowerProgress.restored(entry.power(), entry.applied(), entry.running());
            desired.restore(entry.instanceId(), target(entry, domain), entry.placement(), power);
            recovered.add(entry.instanceId());
        }
        int recorded = recovered.size();
        for (InstanceInfo domain : domains.values()) {
            desired.restore(domain.instanceId(), asShown(domain), null, PowerProgress.NONE);
            recovered.add(domain.instanceId());
        }
        for (SnapshotTask task : recordedSnapshots) {
            String id = task.request().instanceId();
            if (desired.restoreSnapshot(task)) {
                LOG.infof("instance %s: snapshot %s resumed", id, task.imageId());
                recovered.add(id);
            } else {
                LOG.warnf("instance %s: recorded snapshot %s of an instance unknown here, not resumed", id,
                        task.imageId());
            }
        }
        for (DomainTask task : recordedTasks) {
            String id = task.instanceId();
            if (desired.requestDomainTask(task)) {
                LOG.infof("instance %s: %s %s resumed", id, task.task(), task.reference());
                recovered.add(id);
            } else {
                LOG.warnf("instance %s: recorded %s %s of an instance unknown here, not resumed", id, task.task(),
                        task.reference());
            }
        }
        recovered.forEach(queue::add);
        if (recorded > 0 || !domains.isEmpty()) {
            LOG.infof("recovered %d recorded instances and %d Stratus domains found in the hypervisor", recorded,
                    domains.size());
        }
    }

    private static DesiredState target(DesiredStateJournal.Entry entry, InstanceInfo domain) {
        if (entry.removed()) {
            return DesiredState.DELETED;
        }
        if (entry.power() != null) {
            return DesiredState.after(entry.power().operation());
        }
        if (domain == null || entry.running() >= 0) {
            return DesiredState.RUNNING;
        }
        return asShown(domain);
    }

    private static DesiredState asShown(InstanceInfo domain) {
        if (domain.powerState() == PowerState.PAUSED) {
            return DesiredState.PAUSED;
        }
        if (domain.powerState() == PowerState.SHUTOFF) {
            return domain.savedToDisk() ? DesiredState.SUSPENDED : DesiredState.STOPPED;
        }
        return DesiredState.RUNNING;
    }
}
