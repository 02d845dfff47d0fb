package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.Topics;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tells the control plane that a task of an instance other than a power change (a snapshot, a resize, its revert, a
 * rebuild) is over, well or not:
 * {@link InstanceTaskFinished} on {@link Topics#INSTANCE_STATUS}, keyed by instance id, sent on the
 * {@link StatusTopicSender}'s thread in order with the instance's status changes. The event is made first
 * ({@link #snapshotFinished}, {@link #finished}) so that its caller can journal it, and published as often as asked with the same event
 * id, so api-service can drop a repeat.
 */
@Singleton
public class InstanceTaskReporter {
    private static final Logger LOG = Logger.getLogger(InstanceTaskReporter.class);

    private final StatusTopicSender sender;
    private final String host;

    public InstanceTaskReporter(StatusTopicSender sender, HostIdentity identity) {
        this.sender = sender;
        this.host = identity.host();
    }

    /** The outcome of snapshot {@code imageId} of the instance; {@code fault} says why it failed, else null. */
    public InstanceTaskFinished snapshotFinished(String instanceId, String imageId, boolean succeeded, String fault) {
        return finished(instanceId, InstanceTaskFinished.SNAPSHOT, imageId, succeeded, fault);
    }

    /**
     * The outcome of {@code task} ({@code resize}, {@code revert-resize}, {@code rebuild}, ...) about
     * {@code reference}; {@code fault} says why it failed, else null.
     */
    public InstanceTaskFinished finished(String instanceId, String task, String reference, boolean succeeded,
            String fault) {
        return new InstanceTaskFinished(UUID.randomUUID().toString(), InstanceTaskFinished.VERSION, instanceId, host,
                task, reference, succeeded, succeeded ? null : fault, Instant.now());
    }

    /** Publishes {@code finished}; {@code published} is then told whether the broker has it. */
    public void publish(InstanceTaskFinished finished, Consumer<Boolean> published) {
        sender.send(finished.instanceId(), finished, sent -> {
            if (sent) {
                LOG.infof("instance %s: %s %s %s%s", finished.instanceId(), finished.task(), finished.reference(),
                        finished.succeeded() ? "succeeded" : "failed",
                        finished.succeeded() ? "" : ": " + finished.fault());
            }
            published.accept(sent);
        });
    }
}
