package dev.stratus.agent.network;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.contracts.SecurityGroupChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventSubscription;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Consumes {@link Topics#SECURITY_GROUP_EVENTS} (group {@code agent-<host>-net}): a security group change re-renders this
 * host's firewall from network-service's current rules. The periodic resync repairs a lost event.
 */
@Singleton
public class SecurityGroupListener implements AutoCloseable {
    private final String bootstrapServers;
    private final String host;
    private final NetworkDataplane dataplane;
    private EventSubscription subscription;

    public SecurityGroupListener(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            HostIdentity identity, NetworkDataplane dataplane) {
        this.bootstrapServers = bootstrapServers;
        this.host = identity.host();
        this.dataplane = dataplane;
    }

    public synchronized void start() {
        if (subscription == null) {
            subscription = new EventSubscription(bootstrapServers, "agent-" + host + "-net",
                    List.of(Topics.SECURITY_GROUP_EVENTS), this::handle).start();
        }
    }

    void handle(Object event) {
        if (event instanceof SecurityGroupChanged) {
            dataplane.converge(true);
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
    }
}
