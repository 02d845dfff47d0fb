package dev.stratus.image.service;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.image.events.BootingInstances;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.quota.ProjectUsage;
import dev.stratus.image.store.ImageRepository;
import dev.stratus.image.store.ImageStore;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers, finds and deletes images. Uploading their data is {@link ImageUpload}'s job. */
@ApplicationScoped
public class ImageCatalog {
    private final ImageRepository images;
    private final ImageStore content;
    private final ImageAccess access;
    private final BootingInstances bootingInstances;
    private final ImageServiceConfig config;
    private final ProjectUsage usage;

    public ImageCatalog(ImageRepository images, ImageStore content, ImageAccess access,
            BootingInstances bootingInstances,
            ImageServiceConfig config, ProjectUsage usage) {
        this.usage = usage;
        this.bootingInstances = bootingInstances;
        this.config = config;
        this.images = images;
        this.content = content;
        this.access = access;
    }

    /** A new queued image of the caller's project, within its {@code images} quota ({@code limit}, -1 = none). */
    @Transactional
    public Image create(NewImage request, long limit) {
        String owner = access.ownerForNewImage(request.visibility());
        checkImageReferences(request.properties());
        usage.reserve(owner, limit);
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.projectId = owner;
        image.name = request.name();
        image.status = ImageStatus.QUEUED;
        image.diskFormat = request.diskFormat();
        image.containerFormat = request.containerFormat();
        image.minDisk = request.minDisk();
        image.minRam = request.minRam();
        image.visibility = request.visibility();
        image.isProtected = request.isProtected();
        image.tags = new ArrayList<>(request.tags());
        image.properties = new HashMap<>(request.properties());
        image.createdAt = Instant.now();
        image.updatedAt = image.createdAt;
        images.persist(image);
        return image;
    }

    /** The image if the caller may see it, else 404. */
    @Transactional
    public Image get(UUID id) {
        Image image = images.findById(id);
        if (image == null) {
            throw ApiException.notFound("image", id.toString());
        }
        return access.visible(image);
    }

    /** The image if the caller may change it: 404 when it may not see it, 403 when it may only see it. */
    @Transactional
    public Image getWritable(UUID id) {
        return access.writable(get(id));
    }

    /**
     * Deletes the image, and its data file when no other image holds the same content; 409 when protected or while
     * an instance is booting from it (as its image, kernel or ramdisk).
     */
    @Transactional
    public void delete(UUID id) {
        Image image = getWritable(id);
        if (image.isProtected) {
            throw ApiException.conflict("image " + id + " is protected: set \"protected\": false before deleting it");
        }
        List<String> booting = bootingInstances.of(id.toString(), config.bootingTimeout());
        if (!booting.isEmpty()) {
            throw ApiException.conflict("image " + id + " is in use: " + booting.size() + " instance(s) are booting"
                    + " from it (" + String.join(", ", booting.subList(0, Math.min(3, booting.size())))
                    + "); delete it once they are built");
        }
        images.delete(image);
        images.flush();
        if (image.osHashValue != null) {
            images.lockContent(image.osHashValue);
            if (images.countByHash(image.osHashValue) == 0) {
                content.remove(image.osHashValue);
            }
        }
    }

    /** Applies a metadata change; disk and container format can change only while no data was uploaded. */
    @Transactional
    public Image update(UUID id, ImageChanges changes) {
        Image image = getWritable(id);
        access.requireMayPublish(changes.visibility());
        if ((changes.diskFormat() != null && changes.diskFormat() != image.diskFormat
                || changes.containerFormat() != null && changes.containerFormat() != image.containerFormat)
                && image.status != ImageStatus.QUEUED) {
            throw ApiException.conflict("image " + id + " is " + image.status.wire()
                    + "; disk_format and container_format can change only while it is queued");
        }
        checkImageReferences(changes.setProperties());
        image.name = changes.name() == null ? image.name : changes.name();
        image.diskFormat = changes.diskFormat() == null ? image.diskFormat : changes.diskFormat();
        image.containerFormat = changes.containerFormat() == null ? image.containerFormat : changes.containerFormat();
        image.minDisk = changes.minDisk() == null ? image.minDisk : changes.minDisk();
        image.minRam = changes.minRam() == null ? image.minRam : changes.minRam();
        image.visibility = changes.visibility() == null ? image.visibility : changes.visibility();
        image.isProtected = changes.isProtected() == null ? image.isProtected : changes.isProtected();
        image.tags = changes.tags() == null ? image.tags : new ArrayList<>(changes.tags());
        Map<String, String> properties = new HashMap<>(image.properties);
        changes.removedProperties().forEach(properties::remove);
        properties.putAll(changes.setProperties());
        image.properties = properties;
        image.updatedAt = Instant.now();
        return image;
    }

    @Transactional
    public Image tag(UUID id, String tag, boolean add) {
        Image image = getWritable(id);
        List<String> tags = new ArrayList<>(image.tags);
        if (add ? !tags.contains(tag) : tags.remove(tag)) {
            if (add) {
                tags.add(tag);
            }
            image.tags = tags;
            image.updatedAt = Instant.now();
        }
        return image;
    }

    /** active → deactivated (no download, no new boots) or back; asking for the state it is in already is a no-op. */
    @Transactional
    public Image setActive(UUID id, boolean active) {
        Image image = getWritable(id);
        ImageStatus from = active ? ImageStatus.DEACTIVATED : ImageStatus.ACTIVE;
        ImageStatus to = active ? ImageStatus.ACTIVE : ImageStatus.DEACTIVATED;
        if (image.status != to && !images.transition(id, from, to)) {
            throw ApiException.conflict("image " + id + " is " + image.status.wire() + "; only an " + from.wire()
                    + " image can be " + (active ? "reactivated" : "deactivated"));
        }
        images.getEntityManager().refresh(image);
        return image;
    }

    private void checkImageReferences(Map<String, String> properties) {
        for (String reference : NewImage.IMAGE_REFERENCES) {
            String value = properties.get(reference);
            if (value != null && (parseId(value) == null || !isVisible(parseId(value)))) {
                throw ApiException.badRequest("properties." + reference, reference + " " + value
                        + " does not name an existing image");
            }
        }
    }

    private boolean isVisible(UUID id) {
        try {
            get(id);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    static UUID parseId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
