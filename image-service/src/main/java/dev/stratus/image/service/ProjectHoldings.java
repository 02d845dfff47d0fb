package dev.stratus.image.service;

import dev.stratus.image.store.ImageRepository;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a project holds in image-service, for api-service's {@code DELETE /v1/projects/{id}}: the images it owns (in
 * any status). A project that owns none is released: its memberships of other projects' shared images and its quota
 * lock row are deleted.
 */
@ApplicationScoped
public class ProjectHoldings {
    private final ImageRepository images;

    public ProjectHoldings(ImageRepository images) {
        this.images = images;
    }

    /** {@code {"images": n}} when the project owns images; empty when it owns none. */
    @Transactional
    public Map<String, Long> of(String projectId) {
        Map<String, Long> held = new LinkedHashMap<>();
        long owned = images.count("projectId", projectId);
        if (owned > 0) {
            held.put("images", owned);
        }
        return held;
    }

    /** Under the project's quota lock (no image create of it meanwhile): 409 listing the holdings, or released. */
    @Transactional
    public void release(String projectId) {
        images.lockQuota(projectId);
        Map<String, Long> held = of(projectId);
        if (!held.isEmpty()) {
            throw ApiException.conflict("the project still holds " + held + " in image-service")
                    .withExtension("holdings", held);
        }
        images.getEntityManager().createNativeQuery("DELETE FROM image.image_members WHERE member = ?1")
                .setParameter(1, projectId).executeUpdate();
        images.getEntityManager().createNativeQuery("DELETE FROM image.project_quota_lock WHERE project_id = ?1")
                .setParameter(1, projectId).executeUpdate();
    }
}
