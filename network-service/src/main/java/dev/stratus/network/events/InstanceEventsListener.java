package dev.stratus.network.events;

import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
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
 * Releases an instance's ports when it is gone (reported DELETED) or could not be placed: the ports the compute
 * service created are deleted, the user's own are unbound. Consumer group {@code network-service}; idempotent.
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
                List.of(Topics.INSTANCE_STATUS, Topics.PLACEMENTS), this::handle).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
    }

    void handle(Object event) {
        String instanceId = null;
        if (event instanceof InstanceStatusChanged status && status.vmState() == VmState.DELETED) {
            instanceId = status.instanceId();
        } else if (event instanceof InstancePlacementFailed failed) {
            instanceId = failed.instanceId();
        }
        if (instanceId != null) {
            int released = ports.releaseDevice(instanceId);
            if (released > 0) {
                LOG.infof("released %d port(s) of instance %s", released, instanceId);
            }
        }
    }
}
