package dev.stratus.image.service;

import dev.stratus.image.model.ContainerFormat;
import dev.stratus.image.model.DiskFormat;
import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageMember;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.model.Visibility;
import dev.stratus.platform.paging.ListFilter;
import dev.stratus.platform.paging.ListPage;
import dev.stratus.platform.paging.ListQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The list routes of image-service: images (those the caller may see) and an image's member projects (its owner's
 * view), with their filters and sort keys, run by {@link ListQuery} (pagination, sorting, 400s). The default order,
 * creation time then id, is the order these lists always had.
 */
@ApplicationScoped
public class ImageLists {
    static final ListQuery<Image> IMAGES = ListQuery.builder(Image.class, "/v1/images", (Image i) -> i.id)
            .sort("created_at", "e.createdAt").sort("updated_at", "e.updatedAt").sort("name", "e.name")
            .sort("status", "e.status").sort("size", "coalesce(e.size, -1)").sort("disk_format", "e.diskFormat")
            .filter("name", ListFilter.text("e.name", "Images of this name"))
            .filter("status", ListFilter.where("e.status = :value", ImageStatus::parse, "string",
                    "Images in this status (queued, saving, active, killed, deactivated)"))
            .filter("visibility", ListFilter.where("e.visibility = :value", Visibility::parse, "string",
                    "Images of this visibility (private, shared, public)"))
            .filter("disk_format", ListFilter.where("e.diskFormat = :value", DiskFormat::parse, "string",
                    "Images of this disk format"))
            .filter("container_format", ListFilter.where("e.containerFormat = :value", ContainerFormat::parse,
                    "string", "Images of this container format"))
            .filter("tag", ListFilter.where("function('jsonb_exists', e.tags, :value) = true", (p, v) -> v,
                    "string", "Images with this tag").repeated())
            .filter("owner", ListFilter.text("e.projectId", "Images of this project"))
            .filter("protected", ListFilter.bool("e.isProtected", "Protected images (true) or not (false)"))
            .filter("os_hash_value", ListFilter.text("e.osHashValue", "Images of this content (sha256, hex)"))
            .filter("size_min", ListFilter.where("e.size >= :value", ImageLists::bytes, "integer",
                    "Images of at least this many bytes"))
            .filter("size_max", ListFilter.where("e.size <= :value", ImageLists::bytes, "integer",
                    "Images of at most this many bytes"))
            .build();

    static final ListQuery<ImageMember> MEMBERS = ListQuery.builder(ImageMember.class, "/v1/images/{id}/members",
                    (ImageMember m) -> m.member)
            .textId("e.member")
            .sort("created_at", "e.createdAt").sort("member", "e.member")
            .build();

    /** Every list, for the OpenAPI description of their parameters. */
    public static final List<ListQuery<?>> ALL = List.of(IMAGES, MEMBERS);

    private static final String VISIBLE = "e.projectId = :project or e.visibility = :public or (e.visibility ="
            + " :shared and e.id in (select m.imageId from ImageMember m where m.member = :project))";

    private final EntityManager em;
    private final ImageAccess access;
    private final ImageCatalog catalog;

    public ImageLists(EntityManager em, ImageAccess access, ImageCatalog catalog) {
        this.em = em;
        this.access = access;
        this.catalog = catalog;
    }

    /** The images the caller may see: its project's, public ones and shared ones it is a member of; all for admins. */
    @Transactional
    public ListPage<Image> images(Map<String, List<String>> params) {
        String project = access.listScope();
        ListQuery.Scope scope = project == null ? new ListQuery.Scope("1 = 1", Map.of())
                : new ListQuery.Scope(VISIBLE, Map.of("project", project, "public", Visibility.PUBLIC, "shared",
                        Visibility.SHARED));
        return IMAGES.run(em, IMAGES.path(), scope, params);
    }

    /** The member projects of an image the caller may change (404/403 otherwise). */
    @Transactional
    public ListPage<ImageMember> members(UUID imageId, Map<String, List<String>> params) {
        catalog.getWritable(imageId);
        return MEMBERS.run(em, "/v1/images/" + imageId + "/members",
                new ListQuery.Scope("e.imageId = :image", Map.of("image", imageId)), params);
    }

    private static Long bytes(String parameter, String text) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw dev.stratus.platform.problem.ApiException.badRequest(parameter, parameter
                + " is a number of bytes (0 or more)");
    }
}
