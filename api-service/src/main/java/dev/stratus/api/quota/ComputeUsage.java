package dev.stratus.api.quota;

import dev.stratus.platform.problem.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compute quotas (instances, vcpus, ram_mb), enforced atomically: {@link #reserve} runs in the create's
 * transaction, locks the project's {@code project_usage} row ({@code SELECT ... FOR UPDATE}), so creates of one
 * project are serialized, counts the project's live servers and refuses with a 409 problem naming the quota. The
 * count is of servers not deleted and not being deleted, so usage drops as soon as a delete is accepted.
 */
@ApplicationScoped
public class ComputeUsage {
    @Inject
    QuotaLimits limits;

    /** Locks the project's usage and refuses if one more server of this size would exceed a limit. */
    public void reserve(String projectId, int vcpus, int ramMb) {
        lock(projectId);
        Map<String, Long> used = usage(projectId);
        Map<String, Long> limit = limits.of(projectId);
        check("instances", used.get("instances") + 1, limit);
        check("vcpus", used.get("vcpus") + vcpus, limit);
        check("ram_mb", used.get("ram_mb") + ramMb, limit);
        em().createNativeQuery("UPDATE api.project_usage SET instances = ?2, vcpus = ?3, ram_mb = ?4 WHERE project_id = ?1")
                .setParameter(1, projectId).setParameter(2, used.get("instances") + 1)
                .setParameter(3, used.get("vcpus") + vcpus).setParameter(4, used.get("ram_mb") + ramMb).executeUpdate();
    }

    /** Takes the project's lock; creates of the same project wait here until this transaction ends. */
    public void lock(String projectId) {
        em().createNativeQuery("INSERT INTO api.project_usage (project_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, projectId).executeUpdate();
        em().createNativeQuery("SELECT project_id FROM api.project_usage WHERE project_id = ?1 FOR UPDATE")
                .setParameter(1, projectId).getSingleResult();
    }

    /**
     * After a resize was applied to a server of the project (in this transaction, under {@link #lock}): refuses
     * with the quota's 409 if the project's usage, which counts the larger of old and new flavor until the resize is
     * settled, now exceeds a limit that the resize grew ({@code moreVcpus}, {@code moreRamMb}).
     */
    public void checkGrowth(String projectId, boolean moreVcpus, boolean moreRamMb) {
        em().flush();
        Map<String, Long> used = usage(projectId);
        Map<String, Long> limit = limits.of(projectId);
        if (moreVcpus) {
            check("vcpus", used.get("vcpus"), limit);
        }
        if (moreRamMb) {
            check("ram_mb", used.get("ram_mb"), limit);
        }
    }

    /**
     * instances, vcpus, ram_mb of the project's live servers (not deleted, not being deleted); a server whose resize
     * is not settled counts the larger of its old and new flavor.
     */
    public Map<String, Long> usage(String projectId) {
        Object[] row = (Object[]) em().createNativeQuery("SELECT count(*), "
                        + "COALESCE(sum(GREATEST(vcpus, COALESCE(resize_from_vcpus, 0))), 0), "
                        + "COALESCE(sum(GREATEST(ram_mb, COALESCE(resize_from_ram_mb, 0))), 0) FROM api.instance WHERE project_id = ?1 AND deleted_at IS NULL "
                        + "AND desired_state <> 'DELETED'")
                .setParameter(1, projectId).getSingleResult();
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put("instances", ((Number) row[0]).longValue());
        usage.put("vcpus", ((Number) row[1]).longValue());
        usage.put("ram_mb", ((Number) row[2]).longValue());
        return usage;
    }

    private static void check(String resource, long wanted, Map<String, Long> limit) {
        long max = limit.get(resource);
        if (max >= 0 && wanted > max) {
            throw new ApiException(409, "Quota Exceeded", "quota " + resource + " exceeded: the project may have "
                    + max + ", this request needs " + wanted + " (ask an admin: PUT /v1/projects/{id}/quotas)",
                    resource);
        }
    }

    private static EntityManager em() {
        return Panache.getEntityManager();
    }
}
