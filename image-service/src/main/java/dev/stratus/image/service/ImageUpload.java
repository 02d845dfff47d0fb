package dev.stratus.image.service;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.store.ContentStore;
import dev.stratus.image.store.ImageRepository;
import dev.stratus.image.store.ImageTooLargeException;
import dev.stratus.image.store.ReceivedContent;
import dev.stratus.image.store.UploadInterruptedException;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Receives an image's data: queued → saving (one winner), stream to a temporary file while hashing, then move it to
 * its content address and saving → active. Any failure leaves the image {@code killed} and no file behind. The
 * stream is never held in a transaction.
 */
@ApplicationScoped
public class ImageUpload {
    private static final Logger LOG = Logger.getLogger(ImageUpload.class);

    private final ImageRepository images;
    private final ContentStore content;
    private final ImageCatalog catalog;
    private final long maxBytes;

    public ImageUpload(ImageRepository images, ContentStore content, ImageCatalog catalog, ImageServiceConfig config) {
        this.images = images;
        this.content = content;
        this.catalog = catalog;
        this.maxBytes = config.maxImageSize().asLongValue();
    }

    /** @param declaredLength the request's Content-Length, or -1 when unknown (chunked) */
    public Image upload(UUID id, InputStream body, long declaredLength) {
        if (declaredLength > maxBytes) {
            throw tooLarge(new ImageTooLargeException(maxBytes));
        }
        startSaving(id);
        ReceivedContent received;
        try {
            received = content.receive(body, maxBytes);
        } catch (UploadInterruptedException e) {
            kill(id, e.getMessage());
            throw ApiException.badRequest(null, e.getMessage());
        } catch (ImageTooLargeException e) {
            kill(id, e.getMessage());
            throw tooLarge(e);
        } catch (IOException | RuntimeException e) {
            kill(id, e.toString());
            throw new ApiException(500, "Internal Server Error", "cannot store the image data", null);
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> activate(id, received));
        } catch (RuntimeException e) {
            content.discard(received);
            kill(id, e.toString());
            throw e;
        }
        return catalog.get(id);
    }

    private void startSaving(UUID id) {
        QuarkusTransaction.requiringNew().run(() -> {
            Image image = catalog.get(id);
            if (!images.transition(id, ImageStatus.QUEUED, ImageStatus.SAVING)) {
                throw ApiException.conflict("image " + id + " is " + image.status.wire()
                        + "; data can be uploaded only to a queued image");
            }
        });
    }

    /** Under the content lock: file into place, row to active; when the image went away meanwhile, undo the file. */
    private void activate(UUID id, ReceivedContent received) {
        images.lockContent(received.sha256());
        try {
            content.commit(received);
        } catch (IOException e) {
            throw new IllegalStateException("cannot move image data into the store", e);
        }
        if (!images.activate(id, received.size(), received.sha256(), received.md5())) {
            if (images.countByHash(received.sha256()) == 0) {
                content.remove(received.sha256());
            }
            throw ApiException.conflict("image " + id + " was deleted or killed during the upload");
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

    private static ApiException tooLarge(ImageTooLargeException e) {
        return new ApiException(413, "Content Too Large", e.getMessage(), null);
    }
}
