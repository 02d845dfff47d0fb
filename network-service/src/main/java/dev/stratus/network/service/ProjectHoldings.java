package dev.stratus.network.service;

import dev.stratus.network.model.Port;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a project holds in network-service, for api-service's {@code DELETE /v1/projects/{id}}: its networks, subnets,
 * ports (network-service's own DHCP and router ports go with their networks and routers), routers, floating IPs and
 * security groups other than its {@code default} one. A project that holds none of them is released: its
 * {@code default} group (with its rules) and its quota lock row are deleted, nothing else of it is left.
 */
@ApplicationScoped
public class ProjectHoldings {
    private static final Map<String, String> COUNTS = new LinkedHashMap<>();

    static {
        COUNTS.put("networks", "select count(n) from Network n where n.projectId = ?1");
        COUNTS.put("subnets", "select count(s) from Subnet s where s.projectId = ?1");
        COUNTS.put("ports", "select count(p) from Port p where p.projectId = ?1 and p.deviceOwner not like '"
                + Port.NETWORK_OWNER_PREFIX + "%'");
        COUNTS.put("routers", "select count(r) from Router r where r.projectId = ?1");
        COUNTS.put("floating_ips", "select count(f) from FloatingIp f where f.projectId = ?1");
        COUNTS.put("security_groups", "select count(g) from SecurityGroup g where g.projectId = ?1"
                + " and g.name <> 'default'");
    }

    private final EntityManager em;

    public ProjectHoldings(EntityManager em) {
        this.em = em;
    }

    /** Each kind of resource the project holds, with how many; kinds it holds none of are left out. */
    @Transactional
    public Map<String, Long> of(String projectId) {
        Map<String, Long> held = new LinkedHashMap<>();
        COUNTS.forEach((kind, query) -> {
            long count = em.createQuery(query, Long.class).setParameter(1, projectId).getSingleResult();
            if (count > 0) {
                held.put(kind, count);
            }
        });
        return held;
    }

    /**
     * Deletes what is left of a project that holds nothing (its default group, its quota lock), under the project's
     * quota lock so no create of the project runs meanwhile; 409 problem listing the holdings otherwise.
     */
    @Transactional
    public void release(String projectId) {
        em.createNativeQuery("INSERT INTO network.project_quota_lock (project_id) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("SELECT project_id FROM network.project_quota_lock WHERE project_id = ?1 FOR UPDATE")
                .setParameter(1, projectId).getSingleResult();
        Map<String, Long> held = of(projectId);
        if (!held.isEmpty()) {
            throw ApiException.conflict("the project still holds " + held + " in network-service")
                    .withExtension("holdings", held);
        }
        em.createNativeQuery("DELETE FROM network.security_group_rules WHERE project_id = ?1")
                .setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("DELETE FROM network.security_groups WHERE project_id = ?1")
                .setParameter(1, projectId).executeUpdate();
        em.createNativeQuery("DELETE FROM network.project_quota_lock WHERE project_id = ?1")
                .setParameter(1, projectId).executeUpdate();
    }
}
