package dev.stratus.api.events;

import dev.stratus.platform.events.EventPublisher;
import dev.stratus.platform.events.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Kafka connection of api-service: makes sure the topics exist, and produces the one publisher. */
@Singleton
public class KafkaEnvironment {
    private final String bootstrapServers;
    private EventPublisher publisher;

    KafkaEnvironment(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Produces
    @Singleton
    synchronized EventPublisher publisher() {
        if (publisher == null) {
            publisher = new EventPublisher(bootstrapServers, "api-service");
        }
        return publisher;
    }

    @PreDestroy
    synchronized void close() {
        if (publisher != null) {
            publisher.close();
        }
    }
}
