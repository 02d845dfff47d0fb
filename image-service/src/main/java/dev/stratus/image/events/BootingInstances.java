package dev.stratus.image.events;

import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.VmState;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Which images instances are booting from: an instance request marks its image (and kernel and ramdisk) as needed;
 * the marks are released when the boot is over: the instance's first status past BUILDING (its domain was built, or
 * failed), its placement failure (it will never boot), or api-service's word that it is gone ({@code InstanceDeleted}).
 * A requested delete releases nothing: until the instance is gone its host may still be reading the image.
 *
 * <p>Gone is api-service's decision, not an inference from the agent's statuses: a DELETED status is not read here
 * (api-service turns it into {@code InstanceDeleted}, published once). Events of one instance come on different
 * topics, so a release can overtake the request: released instances are remembered and a late request is ignored;
 * a release is idempotent (a repeat finds no mark). Marks older than {@code stratus.image.booting-timeout} no longer
 * count (a lost event cannot keep an image forever).
 */
@ApplicationScoped
public class BootingInstances {

    /** Applies one instance event; other events are ignored. Idempotent. */
    public void apply(Object event) {
        if (event instanceof InstanceRequested requested) {
            boot(requested.instanceId(), requested.image());
        } else if (event instanceof InstanceStatusChanged status && leftBuilding(status.vmState())) {
            finish(status.instanceId());
        } else if (event instanceof InstancePlacementFailed failed) {
            finish(failed.instanceId());
        } else if (event instanceof InstanceDeleted deleted) {
            finish(deleted.instanceId());
        }
    }

    /** A state past BUILDING that a host reports of a built (or failed) domain; DELETED is api-service's to decide. */
    private static boolean leftBuilding(VmState state) {
        return state != VmState.BUILDING && state != VmState.DELETED;
    }

    /** Instances booting from the image, oldest first; empty when none (or only marks older than timeout). */
    @SuppressWarnings("unchecked")
    public List<String> of(String imageId, Duration timeout) {
        return Panache.getEntityManager().createNativeQuery("SELECT instance_id FROM image.booting_instance"
                        + " WHERE image_id = ?1 AND since > ?2 ORDER BY since, instance_id")
                .setParameter(1, imageId).setParameter(2, OffsetDateTime.now(ZoneOffset.UTC).minus(timeout))
                .getResultList();
    }

    /** Forgets releases older than {@code age} (their late requests are long past). */
    public void forgetFinished(Duration age) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("DELETE FROM image.finished_instance WHERE finished_at < ?1")
                .setParameter(1, OffsetDateTime.now(ZoneOffset.UTC).minus(age)).executeUpdate());
    }

    private void boot(String instanceId, ImageRef image) {
        if (image == null) {
            return;
        }
        List<String> ids = Stream.of(image.id(), image.kernelId(), image.ramdiskId()).filter(Objects::nonNull)
                .distinct().toList();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String imageId : ids) {
                Panache.getEntityManager().createNativeQuery("INSERT INTO image.booting_instance (instance_id, image_id)"
                                + " SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM image.finished_instance"
                                + " WHERE instance_id = ?1) ON CONFLICT DO NOTHING")
                        .setParameter(1, instanceId).setParameter(2, imageId).executeUpdate();
            }
        });
    }

    private void finish(String instanceId) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Panache.getEntityManager();
            em.createNativeQuery("INSERT INTO image.finished_instance (instance_id) VALUES (?1) ON CONFLICT DO NOTHING")
                    .setParameter(1, instanceId).executeUpdate();
            em.createNativeQuery("DELETE FROM image.booting_instance WHERE instance_id = ?1")
                    .setParameter(1, instanceId).executeUpdate();
        });
    }
}
