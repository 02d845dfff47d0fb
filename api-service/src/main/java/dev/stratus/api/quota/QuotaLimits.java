package dev.stratus.api.quota;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.config.QuotaConfig;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Each project's hard limits: the configured defaults ({@code stratus.api.quotas.*}) and the admin's overrides. */
@ApplicationScoped
public class QuotaLimits {
    /** The limit that means no limit, as in Nova; every service that enforces a quota skips a negative limit. */
    public static final long UNLIMITED = -1;
    /** Every quota resource, in the order the API lists them, with its configured default. */
    static final Map<String, ToLongFunction<QuotaConfig>> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("instances", QuotaConfig::instances);
        DEFAULTS.put("vcpus", QuotaConfig::vcpus);
        DEFAULTS.put("ram_mb", QuotaConfig::ramMb);
        DEFAULTS.put("images", QuotaConfig::images);
        DEFAULTS.put("image_bytes", QuotaConfig::imageBytes);
        DEFAULTS.put("networks", QuotaConfig::networks);
        DEFAULTS.put("ports", QuotaConfig::ports);
        DEFAULTS.put("floating_ips", QuotaConfig::floatingIps);
        DEFAULTS.put("key_pairs", QuotaConfig::keyPairs);
    }

    @Inject
    ApiConfig config;

    /** resource → limit (-1 = unlimited) of the project. */
    public Map<String, Long> of(String projectId) {
        Map<String, Long> limits = new LinkedHashMap<>();
        DEFAULTS.forEach((resource, value) -> limits.put(resource, value.applyAsLong(config.quotas())));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery("SELECT resource, hard_limit FROM api.quota_limit WHERE project_id = ?1")
                .setParameter(1, projectId).getResultList();
        rows.forEach(r -> limits.put((String) r[0], ((Number) r[1]).longValue()));
        return limits;
    }

    /** Sets some of the project's limits (others keep theirs); 400 naming an unknown resource or a bad value. */
    @Transactional
    public void override(String projectId, Map<String, Long> changes) {
        changes.forEach((resource, limit) -> {
            if (!DEFAULTS.containsKey(resource)) {
                throw ApiException.badRequest(resource, "unknown quota '" + resource + "'; quotas are "
                        + DEFAULTS.keySet());
            }
            if (limit == null || limit < UNLIMITED) {
                throw ApiException.badRequest(resource, resource + " must be a whole number: -1 (unlimited), 0 or more,"
                        + " not " + limit);
            }
        });
        changes.forEach((resource, limit) -> Panache.getEntityManager().createNativeQuery(
                        "INSERT INTO api.quota_limit (project_id, resource, hard_limit) VALUES (?1, ?2, ?3) "
                                + "ON CONFLICT (project_id, resource) DO UPDATE SET hard_limit = EXCLUDED.hard_limit")
                .setParameter(1, projectId).setParameter(2, resource).setParameter(3, limit).executeUpdate());
    }
}
