package dev.stratus.agent.network.l3;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.config.HostIdentity;
import dev.stratus.contracts.RouterChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventSubscription;
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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drives the L3 role when {@code stratus.agent.l3-enabled}: converges at start-up (after an agent restart the
 * namespaces and rules match network-service's state again), on every {@link RouterChanged} of
 * {@link Topics#ROUTER_EVENTS} (consumer group {@code agent-<host>-l3}), and every
 * {@code stratus.agent.l3-resync-interval}. The work runs on one thread of its own, never on the Kafka consumer's:
 * an event only asks for a converge, and events arriving while one runs make one more.
 */
@Singleton
public class L3Resync {
    private static final Logger LOG = Logger.getLogger(L3Resync.class);

    private final AgentConfig config;
    private final L3Agent agent;
    private final String bootstrapServers;
    private final String host;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "l3-agent");
        thread.setDaemon(true);
        return thread;
    });
    private EventSubscription subscription;

    public L3Resync(AgentConfig config, L3Agent agent,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, HostIdentity identity) {
        this.config = config;
        this.agent = agent;
        this.bootstrapServers = bootstrapServers;
        this.host = identity.host();
    }

    void start(@Observes StartupEvent event) {
        if (!config.l3Enabled()) {
            LOG.info("L3 role off (stratus.agent.l3-enabled=false): this agent builds no routers");
            return;
        }
        long period = config.l3ResyncInterval().toMillis();
        worker.scheduleWithFixedDelay(this::resync, 0, period, TimeUnit.MILLISECONDS);
        subscription = new EventSubscription(bootstrapServers, "agent-" + host + "-l3",
                List.of(Topics.ROUTER_EVENTS), this::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
        worker.shutdownNow();
    }

    void handle(Object event) {
        if (event instanceof RouterChanged && pending.compareAndSet(false, true)) {
            worker.execute(this::resync);
        }
    }

    private void resync() {
        pending.set(false);
        try {
            agent.converge();
        } catch (RuntimeException e) {
            LOG.warnf("L3 resync failed, retrying in %s: %s", config.l3ResyncInterval(), e.getMessage());
        }
    }
}
