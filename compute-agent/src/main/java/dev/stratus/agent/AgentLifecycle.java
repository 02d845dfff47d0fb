package dev.stratus.agent;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.events.HostReporter;
import dev.stratus.agent.events.PlacementListener;
import dev.stratus.agent.reconcile.DesiredStateRecovery;
import dev.stratus.agent.reconcile.DesiredStateSync;
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
 * reconcile workers, lifecycle events, placements from Kafka, periodic resync and host reports, and, once recovery
 * is done, the sync with the control plane's desired state (on its own thread: start-up never waits for
 * api-service); and stops it in reverse.
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
    private final DesiredStateSync sync;
    private final String bootstrapServers;
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "host-reporter");
        thread.setDaemon(true);
        return thread;
    });

    public AgentLifecycle(AgentConfig config, HostIdentity identity, ComputeDriver driver, DesiredStateRecovery recovery,
            InstanceWorkQueue queue, ReconcileLoop loop, PlacementListener placements, HostReporter hostReporter,
            DesiredStateSync sync, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.identity = identity;
        this.driver = driver;
        this.recovery = recovery;
        this.queue = queue;
        this.loop = loop;
        this.placements = placements;
        this.hostReporter = hostReporter;
        this.sync = sync;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
        boolean recovered = recover();
        loop.start(config.resyncInterval());
        driver.onLifecycleEvent(queue::add);
        placements.start();
        long period = config.reportInterval().toMillis();
        reports.scheduleAtFixedRate(hostReporter::reportNow, 0, period, TimeUnit.MILLISECONDS);
        if (recovered) {
            sync.start(config.desiredStateSyncInterval());
        }
        LOG.infof("compute agent for host %s started (%s, state in %s)", identity.host(), config.virtType(),
                config.stateDir());
    }

    /**
     * Recovery must happen once, before the control plane's desired state is synced (else every instance would look
     * unknown); if the hypervisor cannot be asked yet, it is tried again after a resync period, then the sync starts.
     */
    private boolean recover() {
        try {
            recovery.recover();
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("cannot list the hypervisor's domains yet, retrying in %s: %s", config.resyncInterval(), e);
            reports.schedule(this::recoverThenSync, config.resyncInterval().toMillis(), TimeUnit.MILLISECONDS);
            return false;
        }
    }

    private void recoverThenSync() {
        if (recover()) {
            sync.start(config.desiredStateSyncInterval());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        sync.stop();
        reports.shutdownNow();
        placements.close();
        loop.stop();
    }
}
