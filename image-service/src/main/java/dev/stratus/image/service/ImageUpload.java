package dev.stratus.image.service;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.quota.ProjectUsage;
import dev.stratus.image.quota.QuotaLimits;
import dev.stratus.image.store.ImageRepository;
import dev.stratus.image.store.ImageStore;
import dev.stratus.image.store.ImageTooLargeException;
import dev.stratus.image.store.ReceivedContent;
import dev.stratus.image.store.StagedUpload;
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
import java.util.UUID;

/**
 * Receives an image's data in three phases, driven by {@code rest.ImageUploadRoute}: {@link #begin} (queued → saving,
 * one winner; a temporary file capped by the maximum image size and the project's quota), the stream into that file
 * (hashed on the way, see {@link StagedUpload}), then {@link #complete} (qemu-img and the declared checksums, move to
 * its content address, saving → active) or {@link #failed}. Any failure leaves the image {@code killed} and no file
 * behind. The stream is never held in a transaction.
 */
@ApplicationScoped
public class ImageUpload {
    private static final Logger LOG = Logger.getLogger(ImageUpload.class);

    private final ImageRepository images;
    private final ImageStore store;
    private final ImageCatalog catalog;
    private final ImageAccess access;
    private final QemuImgInspector inspector;
    private final QuotaLimits quotas;
    private final long maxBytes;

    public ImageUpload(ImageRepository images, ImageStore store, ImageCatalog catalog, ImageAccess access,
                       QemuImgInspector inspector, ImageServiceConfig config, QuotaLimits quotas) {
        this.quotas = quotas;
        this.access = access;
        this.images = images;
        this.store = store;
        this.catalog = catalog;
        this.inspector = inspector;
        this.maxBytes = config.maxImageSize().asLongValue();
    }

    /** An upload that began: the image is {@code saving}, its data goes to {@code staged}. */
    public record Started(Image image, StagedUpload staged) {
    }

    /**
     * First phase, before any byte is read: 413 when the declared length is over the maximum image size (the image
     * stays queued), then queued → saving (404/403 as {@link ImageAccess#uploadable}, 409 unless queued) and a
     * temporary file limited by the maximum size and what is left of the project's quota.
     *
     * @param declaredLength the request's Content-Length, or -1 when unknown (chunked)
     */
    public Started begin(UUID id, long declaredLength) {
        if (declaredLength > maxBytes) {
            throw tooLarge("image data exceeds the maximum image size of " + maxBytes + " bytes");
        }
        Image image = startSaving(id);
        try {
            long quotaBytes = quotas.limit(image.projectId, ProjectUsage.IMAGE_BYTES);
            long left = quotaBytes < 0 ? Long.MAX_VALUE
                    : quotaBytes - QuarkusTransaction.requiringNew().call(() -> images.bytesHeld(image.projectId));
            UploadLimit limit = left < maxBytes
                    ? new UploadLimit(Math.max(0, left), "image data exceeds what is left of the project's "
                    + ProjectUsage.IMAGE_BYTES + " quota (" + Math.max(0, left) + " of " + quotaBytes + " bytes)")
                    : new UploadLimit(maxBytes, "image data exceeds the maximum image size of " + maxBytes + " bytes");
            return new Started(image, store.stage(limit));
        } catch (IOException | RuntimeException e) {
            throw failed(id, e);
        }
    }

    /**
     * Last phase, once every byte is in the temporary file: qemu-img validation, declared checksums, then under the
     * quota and content locks into the store and saving → active. Any failure kills the image and drops the file.
     */
    public Image complete(Image image, ReceivedContent received, ExpectedChecksums expected) {
        UUID id = image.id;
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
            // read before the commit's transaction (no connection held over the call to api-service)
            long quotaBytes = quotas.limit(image.projectId, ProjectUsage.IMAGE_BYTES);
            QuarkusTransaction.requiringNew().run(() -> activate(image, received, inspection.virtualSize(),
                    quotaBytes));
        } catch (RuntimeException e) {
            store.discard(received);
            kill(id, e.getMessage());
            throw e;
        }
        return catalog.get(id);
    }

    /**
     * The stream failed after {@link #begin} (the caller already aborted the staged file): the image is killed and
     * the problem to answer returned: 400 for an interrupted body, 413 past the limit, the problem itself when it is
     * one (e.g. 503: api-service cannot tell the quota), 500 otherwise.
     */
    public ApiException failed(UUID id, Throwable cause) {
        kill(id, cause instanceof ImageTooLargeException || cause instanceof UploadInterruptedException
                || cause instanceof ApiException ? cause.getMessage() : cause.toString());
        if (cause instanceof ApiException problem) {
            return problem;
        }
        if (cause instanceof ImageTooLargeException) {
            return tooLarge(cause.getMessage());
        }
        if (cause instanceof UploadInterruptedException) {
            return ApiException.badRequest(null, cause.getMessage());
        }
        return new ApiException(500, "Internal Server Error", "cannot store the image data", null);
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
    private void activate(Image image, ReceivedContent received, long virtualSize, long quotaBytes) {
        images.lockQuota(image.projectId);
        if (quotaBytes >= 0 && images.bytesHeld(image.projectId) + received.size() > quotaBytes) {
            throw tooLarge("image data exceeds what is left of the project's " + ProjectUsage.IMAGE_BYTES
                    + " quota of " + quotaBytes + " bytes");
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
