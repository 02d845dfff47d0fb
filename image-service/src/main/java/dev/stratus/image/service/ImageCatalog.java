package dev.stratus.image.service;

import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.store.ContentStore;
import dev.stratus.image.store.ImageRepository;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

/** Registers, finds and deletes images. Uploading their data is {@link ImageUpload}'s job. */
@ApplicationScoped
public class ImageCatalog {
    private final ImageRepository images;
    private final ContentStore content;

    public ImageCatalog(ImageRepository images, ContentStore content) {
        this.images = images;
        this.content = content;
    }

    @Transactional
    public Image create(NewImage request) {
        for (String reference : NewImage.IMAGE_REFERENCES) {
            String value = request.properties().get(reference);
            if (value != null && (parseId(value) == null || images.findById(parseId(value)) == null)) {
                throw ApiException.badRequest("properties." + reference, reference + " " + value
                        + " does not name an existing image");
            }
        }
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.name = request.name();
        image.status = ImageStatus.QUEUED;
        image.diskFormat = request.diskFormat();
        image.containerFormat = request.containerFormat();
        image.minDisk = request.minDisk();
        image.minRam = request.minRam();
        image.visibility = request.visibility();
        image.properties = new HashMap<>(request.properties());
        image.createdAt = Instant.now();
        image.updatedAt = image.createdAt;
        images.persist(image);
        return image;
    }

    @Transactional
    public Image get(UUID id) {
        Image image = images.findById(id);
        if (image == null) {
            throw ApiException.notFound("image", id.toString());
        }
        return image;
    }

    @Transactional
    public List<Image> list(String name) {
        return images.list(name);
    }

    /** Deletes the image, and its data file when no other image holds the same content. */
    @Transactional
    public void delete(UUID id) {
        Image image = get(id);
        images.delete(image);
        images.flush();
        if (image.osHashValue != null) {
            images.lockContent(image.osHashValue);
            if (images.countByHash(image.osHashValue) == 0) {
                content.remove(image.osHashValue);
            }
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
