package dev.stratus.scheduler.events;

import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventSubscription;
import dev.stratus.platform.events.KafkaSettings;
import dev.stratus.scheduler.service.HostInventory;
import dev.stratus.scheduler.service.HostSelection;
import dev.stratus.scheduler.service.PlacementService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The scheduler's one consumer (group {@code scheduler}): host reports, instance requests and api-service's
 * decisions of an instance's life ({@code InstanceDeleted}), each record dispatched here to the service that handles
 * it. Offsets are committed after handling (at-least-once); every handler is idempotent. The agents' statuses are
 * not read: whether an instance is gone is api-service's decision, not the scheduler's inference.
 */
@ApplicationScoped
public class SchedulerEventLoop {
    private static final Logger LOG = Logger.getLogger(SchedulerEventLoop.class);
    static final String GROUP = "scheduler";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    HostInventory inventory;
    @Inject
    PlacementService placements;
    @Inject
    HostSelection selection;

    private EventSubscription subscription;
    /** Host reports on their own consumer: a request waiting for a host to report must not hold them up. */
    private EventSubscription reports;

    void start(@Observes StartupEvent event) {
        LOG.infof("scheduler filters: %s", selection.filterNames());
        KafkaSettings.ensureTopics(bootstrapServers, 3, (short) 1);
        reports = new EventSubscription(bootstrapServers, GROUP + "-hosts", List.of(Topics.HOST_REPORTS),
                this::dispatch).start();
        subscription = new EventSubscription(bootstrapServers, GROUP,
                List.of(Topics.INSTANCE_REQUESTS, Topics.INSTANCE_LIFECYCLE), this::dispatch).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscription != null) {
            subscription.close();
        }
        if (reports != null) {
            reports.close();
        }
    }

    void dispatch(Object event) {
        if (event instanceof HostReport report) {
            inventory.record(report);
        } else if (event instanceof InstanceRequested request) {
            placements.place(request);
        } else if (event instanceof InstanceDeleteRequested delete) {
            placements.forwardDelete(delete);
        } else if (event instanceof InstanceDeleted deleted) {
            placements.onDeleted(deleted);
        } else if (event instanceof dev.stratus.contracts.InstanceResizeRequested resize) {
            placements.resize(resize);
        } else if (event instanceof dev.stratus.contracts.InstanceResizeSettled settled) {
            placements.onResizeSettled(settled);
        }
    }
}
