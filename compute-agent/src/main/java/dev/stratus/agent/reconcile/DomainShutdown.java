package dev.stratus.agent.reconcile;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceInfo;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes an instance's domain to shut off for a {@link DomainTask}, as the {@link PowerConverger}'s stop does, without
 * blocking a worker: a running guest is asked to shut down (ACPI) and a re-check is timed for the end of
 * {@code stratus.agent.shutdown-grace}, when it is forced off if it has not obeyed; a paused or crashed domain is
 * forced off at once; saved memory is discarded (it belongs to the domain's old definition). In memory only: after an
 * agent restart the guest is asked again.
 */
@Singleton
public class DomainShutdown {
    private static final Logger LOG = Logger.getLogger(DomainShutdown.class);
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final ComputeDriver driver;
    private final ReconcileTimers timers;
    private final Duration grace;
    private final Map<String, Instant> asked = new ConcurrentHashMap<>();

    public DomainShutdown(ComputeDriver driver, ReconcileTimers timers, AgentConfig config) {
        this.driver = driver;
        this.timers = timers;
        this.grace = config.shutdownGrace();
    }

    /** Does the next step; true once the domain ({@code info}) is shut off without saved memory. */
    boolean reached(InstanceInfo info, DomainTask task) {
        String id = info.instanceId();
        String key = id + "/" + task.key();
        switch (info.powerState()) {
            case SHUTOFF -> {
                if (info.savedToDisk()) {
                    driver.discardSavedMemory(id);
                }
                asked.remove(key);
                return true;
            }
            case PAUSED, CRASHED -> {
                driver.powerOff(id);
                asked.remove(key);
                return true;
            }
            case RUNNING, SHUTDOWN -> {
                Instant since = asked.get(key);
                if (since == null) {
                    LOG.infof("instance %s: ACPI shutdown for its %s, forced off after %s", id, task.task(), grace);
                    asked.put(key, Instant.now());
                    driver.shutdown(id);
                    timers.recheck(id, grace);
                    return false;
                }
                Duration left = Duration.between(Instant.now(), since.plus(grace));
                if (left.compareTo(Duration.ZERO) > 0) {
                    timers.recheck(id, left);
                    return false;
                }
                LOG.infof("instance %s did not shut down within %s; forcing it off for its %s", id, grace,
                        task.task());
                driver.powerOff(id);
                asked.remove(key);
                return true;
            }
            default -> {
                timers.recheck(id, SETTLE);
                return false;
            }
        }
    }

    /** Forgets a shutdown asked for {@code task} (it is abandoned). */
    void forget(String instanceId, DomainTask task) {
        asked.remove(instanceId + "/" + task.key());
    }
}
