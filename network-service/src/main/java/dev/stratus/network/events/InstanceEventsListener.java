package dev.stratus.network.events;

import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.Topics;
import dev.stratus.network.service.PortService;
import dev.stratus.platform.events.EventSubscription;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Releases an instance's ports when api-service says it is gone ({@code InstanceDeleted} on
 * {@code stratus.instance-lifecycle}): the ports the compute service created are deleted, the user's own are
 * unbound. Consumer group {@code network-service}.
 *
 * <p>Gone is api-service's decision, made once in its state machine, not an inference from the agents' raw
 * statuses or from a failed placement: a server in ERROR (a placement that failed included) still exists and keeps
 * its ports until it is deleted. Idempotent: a re-delivered event finds no port bound to the instance any more, and
 * nothing binds a port to an instance after it is gone (api-service binds them before it writes the instance), so the
 * order of this event against others of the same instance does not matter.
 */
@ApplicationScoped
public class InstanceEventsListener {
    private static final Logger LOG = Logger.getLogger(InstanceEventsListener.class);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final PortService ports;
    private EventSubscription subscription;

    public InstanceEventsListener(PortService ports) {
        this.ports = ports;
    }

    void start(@Observes StartupEvent event) {
        subscription = new EventSubscription(bootstrapServers, "network-service",
                List.of(Topics.INSTANCE_LIFECYCLE), this::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
    }

    void handle(Object event) {
        if (event instanceof InstanceDeleted deleted) {
            int released = ports.releaseDevice(deleted.instanceId());
            if (released > 0) {
                LOG.infof("released %d port(s) of instance %s", released, deleted.instanceId());
            }
        }
    }
}
