package dev.stratus.api.events;

import dev.stratus.api.service.HostWatch;
import dev.stratus.api.service.StatusApplier;
import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventSubscription;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/** Feeds placements and observed statuses from Kafka into {@link StatusApplier}, host reports into {@link HostWatch}. */
@ApplicationScoped
public class InstanceEventListener {
    @Inject
    KafkaEnvironment kafka;
    @Inject
    StatusApplier applier;
    @Inject
    HostWatch hosts;

    private EventSubscription subscription;

    void start(@Observes StartupEvent event) {
        subscription = new EventSubscription(kafka.bootstrapServers(), "api-service",
                List.of(Topics.PLACEMENTS, Topics.INSTANCE_STATUS, Topics.HOST_REPORTS), this::dispatch).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
    }

    private void dispatch(Object event) {
        if (event instanceof InstancePlaced placed) {
            applier.placed(placed);
        } else if (event instanceof InstancePlacementFailed failed) {
            applier.placementFailed(failed);
        } else if (event instanceof dev.stratus.contracts.InstanceResizeClaimed claimed) {
            applier.resizeClaimed(claimed);
        } else if (event instanceof dev.stratus.contracts.InstanceResizeRefused refused) {
            applier.resizeRefused(refused);
        } else if (event instanceof InstanceStatusChanged status) {
            applier.statusChanged(status);
        } else if (event instanceof dev.stratus.contracts.InstanceTaskFinished finished) {
            applier.taskFinished(finished);
        } else if (event instanceof HostReport report) {
            hosts.reported(report);
        }
    }
}
