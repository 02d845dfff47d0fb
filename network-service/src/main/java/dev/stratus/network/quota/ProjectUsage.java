package dev.stratus.network.quota;

import dev.stratus.network.model.Port;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code networks}, {@code ports} and {@code floating_ips} quotas, enforced atomically: {@link #reserve} runs in the create's
 * transaction and locks the project's {@code project_quota_lock} row ({@code SELECT ... FOR UPDATE}), so creates of
 * one project take turns between counting and inserting. Usage is counted from the rows themselves (a delete lowers
 * it at once, nothing to drift); network-service's own ports (DHCP, router interfaces and gateways, floating IPs' addresses) are not the project's ports.
 */
@ApplicationScoped
public class ProjectUsage {
    public static final String NETWORKS = "networks";
    public static final String PORTS = "ports";
    public static final String FLOATING_IPS = "floating_ips";

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

    /** networks, ports and floating IPs the project holds now. */
    @jakarta.transaction.Transactional
    public Map<String, Long> usage(String projectId) {
        Map<String, Long> usage = new LinkedHashMap<>();
        usage.put(NETWORKS, count(projectId, NETWORKS));
        usage.put(PORTS, count(projectId, PORTS));
        usage.put(FLOATING_IPS, count(projectId, FLOATING_IPS));
        return usage;
    }

    private void lock(String projectId) {
        em.createNativeQuery("INSERT INTO network.project_quota_lock (project_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("SELECT project_id FROM network.project_quota_lock WHERE project_id = ?1 FOR UPDATE")
                .setParameter(1, projectId).getSingleResult();
    }

    private long count(String projectId, String resource) {
        String query = switch (resource) {
            case NETWORKS -> "select count(n) from Network n where n.projectId = ?1";
            case FLOATING_IPS -> "select count(f) from FloatingIp f where f.projectId = ?1";
            // network-service's own ports (DHCP, router interfaces) are not the project's
            default -> "select count(p) from Port p where p.projectId = ?1 and p.deviceOwner not like '"
                    + Port.NETWORK_OWNER_PREFIX + "%'";
        };
        return em.createQuery(query, Long.class).setParameter(1, projectId).getSingleResult();
    }
}
