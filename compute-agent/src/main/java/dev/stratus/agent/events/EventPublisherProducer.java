package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.platform.events.EventPublisher;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The agent's one Kafka producer, shared by status events and host reports. */
public class EventPublisherProducer {

    @Produces
    @Singleton
    EventPublisher publisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            HostIdentity identity) {
        return new EventPublisher(bootstrapServers, "compute-agent-" + identity.host());
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }
}
