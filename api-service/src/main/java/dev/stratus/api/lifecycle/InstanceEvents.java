package dev.stratus.api.lifecycle;

import dev.stratus.api.model.Flavor;
import dev.stratus.api.model.Instance;
import dev.stratus.api.outbox.Outbox;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.StratusEvent;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.api.model.DesiredState;
import dev.stratus.platform.events.EventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * What the lifecycle's parts share: the outbox write of an instance's event (in the caller's transaction), the end
 * of an instance ({@code InstanceDeleted}, once), and the instance's flavor and placement as events carry them.
 */
@ApplicationScoped
class InstanceEvents {
    static final String AGGREGATE = "instance";

    @Inject
    Outbox outbox;

    /** Writes the event to the outbox, for {@code topic}, keyed by the instance. */
    void send(Instance instance, String topic, UUID eventId, StratusEvent event) {
        outbox.add(AGGREGATE, instance.id.toString(), topic, eventId, event);
    }

    /** The instance is finally gone: its row is kept as deleted and every service hears it once. */
    void gone(Instance instance, OffsetDateTime now) {
        instance.vmState = VmState.DELETED;
        instance.taskState = null;
        instance.desiredState = DesiredState.DELETED;
        instance.deletedAt = now;
        instance.updatedAt = now;
        UUID eventId = UUID.randomUUID();
        send(instance, Topics.INSTANCE_LIFECYCLE, eventId, new InstanceDeleted(eventId.toString(),
                InstanceDeleted.VERSION, instance.id.toString(), instance.projectId, instance.host, now.toInstant()));
    }

    /** The flavor the instance has now, as events carry it (sizes from the row: a flavor may change later). */
    static FlavorSpec currentFlavor(Instance instance) {
        return spec(instance.flavorId, instance.vcpus, instance.ramMb, instance.diskGb);
    }

    /** The flavor a resize in flight or awaiting confirmation started from. */
    static FlavorSpec resizeFromFlavor(Instance instance) {
        return spec(instance.resizeFromFlavorId, instance.resizeFromVcpus, instance.resizeFromRamMb,
                instance.resizeFromDiskGb);
    }

    private static FlavorSpec spec(String flavorId, int vcpus, int ramMb, int diskGb) {
        Flavor flavor = Flavor.findById(flavorId);
        return new FlavorSpec(flavorId, flavor == null ? flavorId : flavor.name, vcpus, ramMb, diskGb,
                flavor == null ? null : flavor.cpuQuotaPercent);
    }

    /**
     * Keeps the instance's recorded placement (what its host builds it from again after losing its files) equal to
     * what it is now: its flavor and image (its ports and guest identity stay as they are).
     */
    static void updatePlacement(Instance instance, FlavorSpec flavor, ImageRef image) {
        if (instance.placement == null) {
            return;
        }
        InstancePlaced placed = (InstancePlaced) EventCodec.decode("InstancePlaced",
                instance.placement.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (placed == null) {
            return;
        }
        instance.placement = EventCodec.encodeToString(placed.withFlavorAndImage(
                flavor == null ? placed.flavor() : flavor, image == null ? placed.image() : image));
    }

    /** The stable state a power state stands for, once no resize holds the instance in RESIZED. */
    static VmState stableState(Instance instance) {
        if ("RUNNING".equals(instance.powerState)) {
            return VmState.ACTIVE;
        }
        if ("PAUSED".equals(instance.powerState)) {
            return VmState.PAUSED;
        }
        return instance.desiredState == DesiredState.RUNNING && instance.powerState == null ? VmState.ACTIVE
                : VmState.STOPPED;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
