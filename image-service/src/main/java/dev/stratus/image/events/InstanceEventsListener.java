package dev.stratus.image.events;

import dev.stratus.contracts.Topics;
import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.platform.events.EventSubscription;
import dev.stratus.platform.events.KafkaSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Consumes the instance topics (group {@code image-service}: requests, placements, statuses and api-service's
 * {@code InstanceDeleted} on the lifecycle topic) into {@link BootingInstances}, so a delete can refuse
 * an image an instance is booting from. Starts in the background: image-service serves without Kafka, it then
 * only cannot tell which images are booting.
 */
@Singleton
public class InstanceEventsListener {
    private static final Logger LOG = Logger.getLogger(InstanceEventsListener.class);

    private final Optional<String> bootstrapServers;
    private final BootingInstances booting;
    private final ImageServiceConfig config;
    private EventSubscription subscription;
    private boolean stopped;

    public InstanceEventsListener(@ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers,
            BootingInstances booting, ImageServiceConfig config) {
        this.bootstrapServers = bootstrapServers;
        this.booting = booting;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (bootstrapServers.isEmpty()) {
            return;
        }
        Thread starter = new Thread(() -> {
            try {
                KafkaSettings.ensureTopics(bootstrapServers.get(), 3, (short) 1);
            } catch (RuntimeException e) {
                LOG.warnf("cannot make sure the Kafka topics exist (subscribing anyway): %s", e.toString());
            }
            booting.forgetFinished(config.bootingTimeout().multipliedBy(2));
            synchronized (this) {
                if (!stopped) {
                    subscription = new EventSubscription(bootstrapServers.get(), "image-service",
                            List.of(Topics.INSTANCE_REQUESTS, Topics.PLACEMENTS, Topics.INSTANCE_STATUS,
                                    Topics.INSTANCE_LIFECYCLE),
                            booting::apply).start();
                }
            }
        }, "instance-events-start");
        starter.setDaemon(true);
        starter.start();
    }

    synchronized void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (subscription != null) {
            subscription.close();
        }
    }
}
