package dev.stratus.image.service;

import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageMember;
import dev.stratus.image.model.Visibility;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.auth.Roles;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may see and change an image. An image is visible to its owner project, to everyone when public, to its member
 * projects when shared, and to administrators and Stratus services (agents fetch any image they boot); any other
 * image is a 404. Only the owner project's members and administrators change it (a reader gets 403, a project that
 * merely sees it gets 403); only administrators make an image public. Agents (role service) may upload the data
 * of any queued image: that is how snapshots arrive.
 */
@ApplicationScoped
public class ImageAccess {
    private final Caller caller;

    public ImageAccess(Caller caller) {
        this.caller = caller;
    }

    /** The project new images belong to; 403 for readers. */
    public String ownerForNewImage(Visibility visibility) {
        caller.requireWrite();
        requireMayPublish(visibility);
        return caller.projectId();
    }

    /** The project whose view a listing shows, or null for every image (administrators and services). */
    public String listScope() {
        return seesAll() ? null : caller.projectId();
    }

    /** 404 unless the caller may see the image. */
    public Image visible(Image image) {
        if (image == null || !(seesAll() || caller.projectId().equals(image.projectId)
                || image.visibility == Visibility.PUBLIC || image.visibility == Visibility.SHARED
                && ImageMember.count("imageId = ?1 and member = ?2", image.id, caller.projectId()) > 0)) {
            throw ApiException.notFound("image", image == null ? "?" : image.id.toString());
        }
        return image;
    }

    /** 404 unless visible, 403 unless the caller may change it (owner's member or admin). */
    public Image writable(Image image) {
        visible(image);
        caller.requireWrite();
        if (!caller.isAdmin() && !caller.projectId().equals(image.projectId)) {
            throw new ApiException(403, "Forbidden", "image " + image.id + " belongs to another project; only its "
                    + "owner can change it", null);
        }
        return image;
    }

    /** Like {@link #writable}, and a Stratus service may upload too (snapshot data from an agent). */
    public Image uploadable(Image image) {
        if (caller.hasRole(Roles.SERVICE)) {
            return visible(image);
        }
        return writable(image);
    }

    /** 403 unless the caller is an administrator, when {@code visibility} is public. */
    public void requireMayPublish(Visibility visibility) {
        if (visibility == Visibility.PUBLIC && !caller.isAdmin()) {
            throw new ApiException(403, "Forbidden", "only a cloud administrator can make an image public; use "
                    + "visibility shared and add member projects instead", "visibility");
        }
    }

    private boolean seesAll() {
        return caller.isAdmin() || caller.hasRole(Roles.SERVICE);
    }
}
