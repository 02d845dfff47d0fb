package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.PowerState;
import dev.stratus.contracts.Incident;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes {@link InstanceStatusChanged} to {@link Topics#INSTANCE_STATUS}, keyed by instance id, when what the
 * driver shows of an instance, or the power request generation it carries, changed since the last report; a report
 * with an incident is always sent (the same incident may happen twice in a row). Sending happens on the
 * {@link StatusTopicSender}'s thread, in order, so a slow or absent broker never blocks a reconcile worker; a report
 * that could not be sent is forgotten, so the next reconcile of that instance reports again.
 */
@Singleton
public class InstanceStatusReporter {
    private static final Logger LOG = Logger.getLogger(InstanceStatusReporter.class);

    /** What was last reported of one instance. */
    public record Observation(VmState vmState, String powerState, String fault, long generation, Incident incident,
            long seq) {
        boolean sameAs(Observation other) {
            return other != null && incident == null && vmState == other.vmState
                    && powerState.equals(other.powerState) && Objects.equals(fault, other.fault)
                    && generation == other.generation && incident == other.incident;
        }
    }

    private final StatusTopicSender sender;
    private final SequenceClock clock;
    private final String host;
    private final Map<String, Observation> lastReported = new ConcurrentHashMap<>();

    public InstanceStatusReporter(StatusTopicSender sender, SequenceClock clock, HostIdentity identity) {
        this.sender = sender;
        this.clock = clock;
        this.host = identity.host();
    }

    /**
     * Reports the instance's state unless it equals the last report and has no incident; returns whether an event
     * was sent.
     *
     * @param generation the last power request generation applied (0: none)
     * @param incident   what the agent saw or did by itself that led here, or null
     */
    public boolean report(String instanceId, VmState vmState, PowerState powerState, String fault, long generation,
            Incident incident) {
        Observation candidate = new Observation(vmState, powerState.name(), fault, generation, incident, 0);
        Observation previous = lastReported.get(instanceId);
        if (candidate.sameAs(previous)) {
            return false;
        }
        long seq = clock.next();
        Observation observation = new Observation(vmState, powerState.name(), fault, generation, incident, seq);
        lastReported.put(instanceId, observation);
        InstanceStatusChanged event = new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, instanceId, host, seq, vmState, powerState.name(), fault, Instant.now(),
                generation, incident);
        sender.send(instanceId, event, sent -> {
            if (sent) {
                LOG.debugf("instance %s: %s (%s) generation %d incident %s seq %d", instanceId, vmState,
                        event.powerState(), generation, incident, seq);
            } else {
                lastReported.remove(instanceId, observation);
            }
        });
        return true;
    }

    public Optional<Observation> lastReported(String instanceId) {
        return Optional.ofNullable(lastReported.get(instanceId));
    }

    public void forget(String instanceId) {
        lastReported.remove(instanceId);
    }
}
