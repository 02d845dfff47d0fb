package dev.stratus.agent.events;

import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventCodec;
import dev.stratus.platform.events.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent's one thread that publishes to {@link Topics#INSTANCE_STATUS} (status changes, finished tasks), keyed by
 * instance id and in the order they were handed over, so a slow or absent broker never blocks a reconcile worker and
 * the events of one instance reach the control plane in the order the agent decided them. Whoever hands over an event
 * learns on this thread whether the broker took it.
 */
@Singleton
public class StatusTopicSender {
    private static final Logger LOG = Logger.getLogger(StatusTopicSender.class);

    private final EventPublisher publisher;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "status-publisher");
        thread.setDaemon(true);
        return thread;
    });

    public StatusTopicSender(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /**
     * Publishes {@code event} keyed by {@code instanceId} after every event handed over before it; {@code sent} is
     * then told whether the broker acknowledged it (false also when the agent is stopping).
     */
    void send(String instanceId, Object event, Consumer<Boolean> sent) {
        try {
            sender.execute(() -> sent.accept(publish(instanceId, event)));
        } catch (RejectedExecutionException e) {
            sent.accept(false);
        }
    }

    private boolean publish(String instanceId, Object event) {
        try {
            publisher.publish(Topics.INSTANCE_STATUS, instanceId, event);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("cannot publish %s of instance %s: %s", EventCodec.typeOf(event), instanceId, e);
            return false;
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
