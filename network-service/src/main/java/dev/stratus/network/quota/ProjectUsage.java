package dev.stratus.network.quota;

import dev.stratus.network.model.Port;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code networks} and {@code ports} quotas, enforced atomically: {@link #reserve} runs in the create's
 * transaction and locks the project's {@code project_quota_lock} row ({@code SELECT ... FOR UPDATE}), so creates of
 * one project take turns between counting and inserting. Usage is counted from the rows themselves (a delete lowers
 * it at once, nothing to drift); the DHCP ports network-service makes for subnets are not the project's.
 */
@ApplicationScoped
public class ProjectUsage {
    public static final String NETWORKS = "networks";
    public static final String PORTS = "ports";

    private final EntityManager em;

    public ProjectUsage(EntityManager em) {
        this.em = em;
    }

    /** Locks the project's quotas and refuses (409 naming the quota) if one more {@code resource} exceeds limit. */
    public void reserve(String projectId, String resource, long limit) {
        lock(projectId);
        long used = count(projectId, resource);
        if (limit >= 0 && used + 1 > limit) {
            throw new ApiException(409, "Quota Exceeded", "quota " + resource + " exceeded: the project may have "
                    + limit + " and has " + used + " (ask an admin: PUT /v1/projects/{id}/quotas)", resource);
        }
    }

    /** networks and ports the project holds now. */
    @jakarta.transaction.Transactional
    public Map<String, Long> usage(String projectId) {
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put(NETWORKS, count(projectId, NETWORKS));
        usage.put(PORTS, count(projectId, PORTS));
        return usage;
    }

    private void lock(String projectId) {
        em.createNativeQuery("INSERT INTO network.project_quota_lock (project_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("SELECT project_id FROM network.project_quota_lock WHERE project_id = ?1 FOR UPDATE")
                .setParameter(1, projectId).getSingleResult();
    }

    private long count(String projectId, String resource) {
        String query = NETWORKS.equals(resource) ? "select count(n) from Network n where n.projectId = ?1"
                : "select count(p) from Port p where p.projectId = ?1 and p.deviceOwner <> '" + Port.DHCP_OWNER + "'";
        return em.createQuery(query, Long.class).setParameter(1, projectId).getSingleResult();
    }
}
