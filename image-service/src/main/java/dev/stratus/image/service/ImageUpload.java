package dev.stratus.image.service;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.store.ImageRepository;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.ImageTooLargeException;
import dev.stratus.image.store.ReceivedContent;
import dev.stratus.image.store.UploadInterruptedException;
import dev.stratus.image.store.UploadLimit;
import dev.stratus.image.validation.DiskFormatPolicy;
import dev.stratus.image.validation.DiskInspection;
import dev.stratus.image.validation.InspectionException;
import dev.stratus.image.validation.QemuImgInspector;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Receives an image's data: queued → saving (one winner), stream to a temporary file while hashing (capped by the
 * maximum image size and the project's quota), validate it with qemu-img and the declared checksums, then move it
 * to its content address and saving → active. Any failure leaves the image {@code killed} and no file behind. The
 * stream is never held in a transaction.
 */
@ApplicationScoped
public class ImageUpload {
    private static final Logger LOG = Logger.getLogger(ImageUpload.class);

    private final ImageRepository images;
    private final ImageStore store;
    private final ImageCatalog catalog;
    private final ImageAccess access;
    private final QemuImgInspector inspector;
    private final long maxBytes;
    private final long quotaBytes;

    public ImageUpload(ImageRepository images, ImageStore store, ImageCatalog catalog, ImageAccess access,
                       QemuImgInspector inspector, ImageServiceConfig config) {
        this.access = access;
        this.images = images;
        this.store = store;
        this.catalog = catalog;
        this.inspector = inspector;
        this.maxBytes = config.maxImageSize().asLongValue();
        this.quotaBytes = config.projectQuotaBytes().asLongValue();
    }

    /** @param declaredLength the request's Content-Length, or -1 when unknown (chunked) */
    public Image upload(UUID id, InputStream body, long declaredLength, ExpectedChecksums expected) {
        if (declaredLength > maxBytes) {
            throw tooLarge("image data exceeds the maximum image size of " + maxBytes + " bytes");
        }
        Image image = startSaving(id);
        ReceivedContent received = receive(image, body);
        DiskInspection inspection;
        try {
            inspection = inspector.inspect(received.tempFile());
            DiskFormatPolicy.check(image.diskFormat, inspection, received.tempFile());
            String mismatch = expected.mismatch(received.sha256(), received.md5());
            if (mismatch != null) {
                throw new InspectionException(mismatch);
            }
        } catch (InspectionException e) {
            store.discard(received);
            kill(id, e.getMessage());
            throw ApiException.badRequest(null, e.getMessage());
        } catch (RuntimeException e) {
            store.discard(received);
            kill(id, e.toString());
            throw e;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> activate(image, received, inspection.virtualSize()));
        } catch (RuntimeException e) {
            store.discard(received);
            kill(id, e.getMessage());
            throw e;
        }
        return catalog.get(id);
    }

    private ReceivedContent receive(Image image, InputStream body) {
        long left = quotaBytes - QuarkusTransaction.requiringNew().call(() -> images.bytesHeld(image.projectId));
        UploadLimit limit = left < maxBytes
                ? new UploadLimit(Math.max(0, left), "image data exceeds what is left of the project's image quota ("
                + Math.max(0, left) + " of " + quotaBytes + " bytes)")
                : new UploadLimit(maxBytes, "image data exceeds the maximum image size of " + maxBytes + " bytes");
        try {
            return store.receive(body, limit);
        } catch (UploadInterruptedException e) {
            kill(image.id, e.getMessage());
            throw ApiException.badRequest(null, e.getMessage());
        } catch (ImageTooLargeException e) {
            kill(image.id, e.getMessage());
            throw tooLarge(e.getMessage());
        } catch (IOException | RuntimeException e) {
            kill(image.id, e.toString());
            throw new ApiException(500, "Internal Server Error", "cannot store the image data", null);
        }
    }

    private Image startSaving(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Image image = access.uploadable(catalog.get(id));
            if (!images.transition(id, ImageStatus.QUEUED, ImageStatus.SAVING)) {
                throw ApiException.conflict("image " + id + " is " + image.status.wire()
                        + "; data can be uploaded only to a queued image");
            }
            return image;
        });
    }

    /**
     * Under the project's quota lock and the content lock: quota checked again (parallel uploads), file into place,
     * row to active; when the image went away meanwhile, undo the file.
     */
    private void activate(Image image, ReceivedContent received, long virtualSize) {
        images.lockQuota(image.projectId);
        if (images.bytesHeld(image.projectId) + received.size() > quotaBytes) {
            throw tooLarge("image data exceeds what is left of the project's image quota of " + quotaBytes
                    + " bytes");
        }
        images.lockContent(received.sha256());
        try {
            store.commit(received);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move image data into the store", e);
        }
        if (!images.activate(image.id, received.size(), virtualSize, received.sha256(), received.md5())) {
            if (images.countByHash(received.sha256()) == 0) {
                store.remove(received.sha256());
            }
            throw ApiException.conflict("image " + image.id + " was deleted or killed during the upload");
        }
    }

    private void kill(UUID id, String reason) {
        LOG.infof("upload to image %s failed, image killed: %s", id, reason);
        try {
            QuarkusTransaction.requiringNew().run(() -> images.transition(id, ImageStatus.SAVING, ImageStatus.KILLED));
        } catch (RuntimeException e) {
            LOG.errorf(e, "cannot mark image %s killed", id);
        }
    }

    private static ApiException tooLarge(String message) {
        return new ApiException(413, "Content Too Large", message, null);
    }
}
