package dev.stratus.api.service;

import dev.stratus.api.client.ImageServiceClient;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.lifecycle.Transition;
import dev.stratus.api.model.Instance;
import dev.stratus.contracts.ImageRef;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Snapshots of a server's disk: registers a queued qcow2 image in image-service (private, {@code min_disk} of the
 * server's flavor, the source's kernel and ramdisk carried over so a direct-boot image stays bootable), then has
 * {@link InstanceLifecycle#snapshot} start the server's {@code image_snapshot} task (its request goes to the server's
 * host). If that fails (the server changed state meanwhile), the queued image is deleted again.
 */
@ApplicationScoped
public class ServerSnapshots {
    private static final int MAX_NAME = 255;

    private static final Logger LOG = Logger.getLogger(ServerSnapshots.class);

    @Inject
    @RestClient
    ImageServiceClient imageService;
    @Inject
    ServerImages images;
    @Inject
    InstanceLifecycle lifecycle;

    /** Returns the id of the image that will hold the snapshot. */
    /** @param authorization the caller's {@code Authorization} header, sent on to image-service */
    public String request(String projectId, UUID serverId, String name, String authorization,
            dev.stratus.api.lifecycle.Actor actor) {
        // the server first: another project's server is a 404 whatever the body says
        Instance instance = Instance.findLive(projectId, serverId)
                .orElseThrow(() -> ApiException.notFound("server", serverId.toString()));
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("name", "name is required: the new image's name, 1 to " + MAX_NAME
                    + " characters");
        }
        InstanceLifecycle.require(instance, Transition.SNAPSHOT);
        if (instance.host == null) {
            throw ApiException.conflict("server " + serverId + " is on no host yet; it has no disk to snapshot");
        }
        String imageId = createImage(name, instance, authorization);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instance locked = Instance.<Instance>findByIdOptional(instance.id,
                        jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).filter(i -> i.deletedAt == null)
                        .orElseThrow(() -> ApiException.notFound("server", serverId.toString()));
                lifecycle.snapshot(locked, imageId, actor);
            });
        } catch (RuntimeException e) {
            deleteImage(imageId, authorization);
            throw e;
        }
        return imageId;
    }

    private String createImage(String name, Instance instance, String authorization) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("image_type", "snapshot");
        properties.put("instance_uuid", instance.id.toString());
        properties.put("base_image_ref", instance.imageId);
        ImageRef source = images.resolveRef(instance.imageId);
        if (source != null && source.kernelId() != null) {
            properties.put("kernel_id", source.kernelId());
            if (source.ramdiskId() != null) {
                properties.put("ramdisk_id", source.ramdiskId());
            }
        }
        Map<String, Object> body = Map.of("name", name, "disk_format", "qcow2", "container_format", "bare",
                "min_disk", instance.diskGb, "properties", properties);
        try {
            return Upstream.call("image-service", () -> imageService.create(body, authorization)).path("id").asText();
        } catch (WebApplicationException e) {
            throw ApiException.unavailable("image-service answered " + Upstream.status(e) + " to the new image");
        }
    }

    /** Best effort: a queued image that stays holds no data. */
    private void deleteImage(String imageId, String authorization) {
        try {
            Upstream.run("image-service", () -> imageService.delete(imageId, authorization));
        } catch (RuntimeException e) {
            LOG.debugf("queued image %s not deleted: %s", imageId, e.getMessage());
        }
    }
}
