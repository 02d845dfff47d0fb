package dev.stratus.image.service;

import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageMember;
import dev.stratus.image.model.Visibility;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * The member projects of a {@code shared} image. Only the image's owner (or an administrator) manages them; a
 * member sees the image and boots it at once (no pending/accepted step, unlike Glance).
 */
@ApplicationScoped
public class ImageMembers {
    static final int MAX_MEMBER = 64;

    private final ImageCatalog catalog;

    public ImageMembers(ImageCatalog catalog) {
        this.catalog = catalog;
    }

    /** Adds the project (idempotent); 409 unless the image is shared. */
    @Transactional
    public ImageMember add(UUID imageId, String member) {
        Image image = catalog.getWritable(imageId); // 404/403 before anything about the body is said
        if (member == null || member.isBlank() || member.length() > MAX_MEMBER) {
            throw ApiException.badRequest("member", "member is the id of a project (1 to " + MAX_MEMBER
                    + " characters)");
        }
        if (image.visibility != Visibility.SHARED) {
            throw ApiException.conflict("image " + imageId + " is " + image.visibility.wire()
                    + "; set \"visibility\": \"shared\" before adding member projects");
        }
        ImageMember existing = ImageMember.find("imageId = ?1 and member = ?2", imageId, member).firstResult();
        if (existing != null) {
            return existing;
        }
        ImageMember added = new ImageMember();
        added.imageId = imageId;
        added.member = member;
        added.createdAt = Instant.now();
        added.persist();
        return added;
    }

    @Transactional
    public void remove(UUID imageId, String member) {
        catalog.getWritable(imageId);
        if (ImageMember.delete("imageId = ?1 and member = ?2", imageId, member) == 0) {
            throw ApiException.notFound("member", member + " of image " + imageId);
        }
    }
}
