package dev.stratus.image.quota;

import dev.stratus.image.store.ImageRepository;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code images} quota, enforced atomically: {@link #reserve} runs in the create's transaction and locks the
 * project's {@code image.project_quota_lock} row ({@code SELECT ... FOR UPDATE}, {@link ImageRepository#lockQuota}),
 * so creates of one project take turns between counting and inserting. Upload commits take the same lock for
 * {@code image_bytes} ({@code service.ImageUpload}). Usage is counted from the rows (a delete lowers it at once).
 */
@ApplicationScoped
public class ProjectUsage {
    public static final String IMAGES = "images";
    public static final String IMAGE_BYTES = "image_bytes";

    private final ImageRepository images;

    public ProjectUsage(ImageRepository images) {
        this.images = images;
    }

    /** Locks the project's quotas and refuses (409 naming the quota) if one more image exceeds {@code limit}. */
    public void reserve(String projectId, long limit) {
        if (projectId == null || limit < 0) {
            return;
        }
        images.lockQuota(projectId);
        long used = images.count("projectId", projectId);
        if (used + 1 > limit) {
            throw new ApiException(409, "Quota Exceeded", "quota " + IMAGES + " exceeded: the project may have "
                    + limit + " and has " + used + " (ask an admin: PUT /v1/projects/{id}/quotas)", IMAGES);
        }
    }

    /** images and image bytes the project holds now. */
    @Transactional
    public Map<String, Long> usage(String projectId) {
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put(IMAGES, images.count("projectId", projectId));
        usage.put(IMAGE_BYTES, images.bytesHeld(projectId));
        return usage;
    }
}
