package dev.stratus.agent;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.events.HostReporter;
import dev.stratus.agent.events.PlacementListener;
import dev.stratus.agent.reconcile.DesiredStateRecovery;
import dev.stratus.agent.reconcile.InstanceWorkQueue;
import dev.stratus.agent.reconcile.ReconcileLoop;
import dev.stratus.platform.events.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the agent in order: topics, recovery of the desired state (from libvirt, the truth, and the journal),
 * reconcile workers, lifecycle events, placements from Kafka, periodic resync and host reports; and stops it in
 * reverse.
 */
@Singleton
public class AgentLifecycle {
    private static final Logger LOG = Logger.getLogger(AgentLifecycle.class);

    private final AgentConfig config;
    private final HostIdentity identity;
    private final ComputeDriver driver;
    private final DesiredStateRecovery recovery;
    private final InstanceWorkQueue queue;
    private final ReconcileLoop loop;
    private final PlacementListener placements;
    private final HostReporter hostReporter;
    private final String bootstrapServers;
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "host-reporter");
        thread.setDaemon(true);
        return thread;
    });

    public AgentLifecycle(AgentConfig config, HostIdentity identity, ComputeDriver driver, DesiredStateRecovery recovery,
            InstanceWorkQueue queue, ReconcileLoop loop, PlacementListener placements, HostReporter hostReporter,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.identity = identity;
        this.driver = driver;
        this.recovery = recovery;
        this.queue = queue;
        this.loop = loop;
        this.placements = placements;
        this.hostReporter = hostReporter;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
        recoverOrRetry();
        loop.start(config.resyncInterval());
        driver.onLifecycleEvent(queue::add);
        placements.start();
        long period = config.reportInterval().toMillis();
        reports.scheduleAtFixedRate(hostReporter::reportNow, 0, period, TimeUnit.MILLISECONDS);
        LOG.infof("compute agent for host %s started (%s, state in %s)", identity.host(), config.virtType(),
                config.stateDir());
    }

    /** Recovery must happen once; if the hypervisor cannot be asked yet, it is tried again after a resync period. */
    private void recoverOrRetry() {
        try {
            recovery.recover();
        } catch (RuntimeException e) {
            LOG.warnf("cannot list the hypervisor's domains yet, retrying in %s: %s", config.resyncInterval(), e);
            reports.schedule(this::recoverOrRetry, config.resyncInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        reports.shutdownNow();
        placements.close();
        loop.stop();
    }
}
