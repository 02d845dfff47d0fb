package dev.stratus.agent;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.agent.events.HostReporter;
import dev.stratus.agent.events.PlacementListener;
import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.agent.reconcile.DesiredState;
import dev.stratus.agent.reconcile.InstanceWorkQueue;
import dev.stratus.agent.reconcile.ReconcileLoop;
import dev.stratus.platform.events.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the agent in order: topics, adoption of the domains libvirt already has (the truth after a restart),
 * reconcile workers, lifecycle events, placements from Kafka, periodic resync and host reports; and stops it in
 * reverse.
 */
@Singleton
public class AgentLifecycle {
    private static final Logger LOG = Logger.getLogger(AgentLifecycle.class);

    private final AgentConfig config;
    private final HostIdentity identity;
    private final ComputeDriver driver;
    private final DesiredInstances desired;
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

    public AgentLifecycle(AgentConfig config, HostIdentity identity, ComputeDriver driver, DesiredInstances desired,
            InstanceWorkQueue queue, ReconcileLoop loop, PlacementListener placements, HostReporter hostReporter,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.identity = identity;
        this.driver = driver;
        this.desired = desired;
        this.queue = queue;
        this.loop = loop;
        this.placements = placements;
        this.hostReporter = hostReporter;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
        adoptExistingDomainsOrRetry();
        loop.start(config.resyncInterval());
        driver.onLifecycleEvent(queue::add);
        placements.start();
        long period = config.reportInterval().toMillis();
        reports.scheduleAtFixedRate(hostReporter::reportNow, 0, period, TimeUnit.MILLISECONDS);
        LOG.infof("compute agent for host %s started (%s, state in %s)", identity.host(), config.virtType(),
                config.stateDir());
    }

    /** Adoption must happen once; if the hypervisor cannot be asked yet, it is tried again after a resync period. */
    private void adoptExistingDomainsOrRetry() {
        try {
            adoptExistingDomains();
        } catch (RuntimeException e) {
            LOG.warnf("cannot list the hypervisor's domains yet, retrying in %s: %s", config.resyncInterval(), e);
            reports.schedule(this::adoptExistingDomainsOrRetry, config.resyncInterval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Domains libvirt shows are desired as they are: running ones keep running, shut-off ones stay stopped. Their
     * ids are enqueued so their state is reported.
     */
    void adoptExistingDomains() {
        List<InstanceInfo> domains = driver.list();
        for (InstanceInfo domain : domains) {
            DesiredState target = domain.powerState() == PowerState.SHUTOFF ? DesiredState.STOPPED
                    : DesiredState.RUNNING;
            desired.adopt(domain.instanceId(), target);
            queue.add(domain.instanceId());
        }
        if (!domains.isEmpty()) {
            LOG.infof("adopted %d Stratus domains found in the hypervisor", domains.size());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        reports.shutdownNow();
        placements.close();
        loop.stop();
    }
}
