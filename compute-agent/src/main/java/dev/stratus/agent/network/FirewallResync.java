package dev.stratus.agent.network;

import dev.stratus.agent.config.AgentConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the dataplane converged: listens for security group changes and, every
 * {@code stratus.agent.firewall-resync-interval}, reads every local port's rules again.
 */
@Singleton
public class FirewallResync {
    private static final Logger LOG = Logger.getLogger(FirewallResync.class);

    private final AgentConfig config;
    private final NetworkDataplane dataplane;
    private final SecurityGroupListener listener;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "firewall-resync");
        thread.setDaemon(true);
        return thread;
    });

    public FirewallResync(AgentConfig config, NetworkDataplane dataplane, SecurityGroupListener listener) {
        this.config = config;
        this.dataplane = dataplane;
        this.listener = listener;
    }

    void start(@Observes StartupEvent event) {
        listener.start();
        long period = config.firewallResyncInterval().toMillis();
        timer.scheduleWithFixedDelay(this::resync, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
        listener.close();
    }

    private void resync() {
        try {
            dataplane.converge(true);
        } catch (RuntimeException e) {
            LOG.warnf("network resync failed, retrying in %s: %s", config.firewallResyncInterval(), e.getMessage());
        }
    }
}
