package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.events.EventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Publishes {@link InstanceStatusChanged} to {@link Topics#INSTANCE_STATUS}, keyed by instance id, when what the
 * driver shows of an instance changed since the last report. Sending happens on its own thread, in order, so a
 * slow or absent broker never blocks a reconcile worker; a report that could not be sent is forgotten, so the
 * next reconcile of that instance reports again.
 */
@Singleton
public class InstanceStatusReporter {
    private static final Logger LOG = Logger.getLogger(InstanceStatusReporter.class);

    /** What was last reported of one instance. */
    public record Observation(VmState vmState, String powerState, String fault, long seq) {
        boolean sameAs(Observation other) {
            return other != null && vmState == other.vmState && powerState.equals(other.powerState)
                    && Objects.equals(fault, other.fault);
        }
    }

    private final EventPublisher publisher;
    private final SequenceClock clock;
    private final String host;
    private final Map<String, Observation> lastReported = new ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "status-publisher");
        thread.setDaemon(true);
        return thread;
    });

    public InstanceStatusReporter(EventPublisher publisher, SequenceClock clock, HostIdentity identity) {
        this.publisher = publisher;
        this.clock = clock;
        this.host = identity.host();
    }

    /** Reports the instance's state unless it equals the last report; returns whether an event was sent. */
    public boolean report(String instanceId, VmState vmState, PowerState powerState, String fault) {
        Observation candidate = new Observation(vmState, powerState.name(), fault, 0);
        Observation previous = lastReported.get(instanceId);
        if (candidate.sameAs(previous)) {
            return false;
        }
        long seq = clock.next();
        Observation observation = new Observation(vmState, powerState.name(), fault, seq);
        lastReported.put(instanceId, observation);
        InstanceStatusChanged event = new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, instanceId, host, seq, vmState, powerState.name(), fault, Instant.now());
        sender.execute(() -> send(event, observation));
        return true;
    }

    public Optional<Observation> lastReported(String instanceId) {
        return Optional.ofNullable(lastReported.get(instanceId));
    }

    public void forget(String instanceId) {
        lastReported.remove(instanceId);
    }

    private void send(InstanceStatusChanged event, Observation observation) {
        try {
            publisher.publish(Topics.INSTANCE_STATUS, event.instanceId(), event);
            LOG.debugf("instance %s: %s (%s) seq %d", event.instanceId(), event.vmState(), event.powerState(),
                    event.seq());
        } catch (RuntimeException e) {
            LOG.warnf("cannot publish status %s of instance %s: %s", event.vmState(), event.instanceId(), e);
            lastReported.remove(event.instanceId(), observation);
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
