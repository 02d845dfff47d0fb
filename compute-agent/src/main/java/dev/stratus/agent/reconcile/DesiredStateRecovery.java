package dev.stratus.agent.reconcile;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds the desired state at start-up from the hypervisor (the truth) and the {@link DesiredStateJournal}: a
 * domain is desired as libvirt shows it (running ones keep running, shut-off ones stay stopped), a recorded
 * placement without a domain is built, a recorded removal is finished. Every recovered id is enqueued, so its
 * state is reported.
 */
@Singleton
public class DesiredStateRecovery {
    private static final Logger LOG = Logger.getLogger(DesiredStateRecovery.class);

    private final ComputeDriver driver;
    private final DesiredStateJournal journal;
    private final DesiredInstances desired;
    private final InstanceWorkQueue queue;

    public DesiredStateRecovery(ComputeDriver driver, DesiredStateJournal journal, DesiredInstances desired,
            InstanceWorkQueue queue) {
        this.driver = driver;
        this.journal = journal;
        this.desired = desired;
        this.queue = queue;
    }

    public void recover() {
        Map<String, InstanceInfo> domains = driver.list().stream()
                .collect(Collectors.toMap(InstanceInfo::instanceId, Function.identity(), (a, b) -> a));
        int recorded = 0;
        for (DesiredStateJournal.Entry entry : journal.load()) {
            InstanceInfo domain = domains.get(entry.instanceId());
            DesiredState target = entry.removed() ? DesiredState.DELETED
                    : domain == null ? DesiredState.RUNNING : asShown(domain);
            desired.restore(entry.instanceId(), target, entry.placement());
            queue.add(entry.instanceId());
            recorded++;
        }
        for (InstanceInfo domain : domains.values()) {
            desired.restore(domain.instanceId(), asShown(domain), null);
            queue.add(domain.instanceId());
        }
        if (recorded > 0 || !domains.isEmpty()) {
            LOG.infof("recovered %d recorded instances and %d Stratus domains found in the hypervisor", recorded,
                    domains.size());
        }
    }

    private static DesiredState asShown(InstanceInfo domain) {
        return domain.powerState() == PowerState.SHUTOFF ? DesiredState.STOPPED : DesiredState.RUNNING;
    }
}
