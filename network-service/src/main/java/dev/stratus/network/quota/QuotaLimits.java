package dev.stratus.network.quota;

import dev.stratus.network.config.NetworkServiceConfig;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.client.ProjectQuotasClient;
import dev.stratus.platform.quota.ApiQuotas;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A project's limit of {@code networks}, {@code ports} or {@code floating_ips}, read from api-service ({@code GET /v1/projects/{id}/quotas},
 * which holds the defaults and the admins' overrides) with network-service's service token, on every create (no
 * cache: a lowered limit applies at once). Without service credentials the configured fallback limits apply.
 */
@ApplicationScoped
public class QuotaLimits {
    private static final Logger LOG = Logger.getLogger(QuotaLimits.class);

    private final NetworkServiceConfig config;
    private final ServiceLogin login;
    private final ApiQuotas quotas;

    public QuotaLimits(NetworkServiceConfig config, ServiceLogin login, @RestClient ProjectQuotasClient client) {
        this.config = config;
        this.login = login;
        this.quotas = new ApiQuotas(login, client);
    }

    void warnWithoutCredentials(@Observes StartupEvent event) {
        if (!login.configured()) {
            LOG.warnf("stratus.network.service-password is unset: quotas are the configured fallback (networks %d,"
                    + " ports %d, floating_ips %d) for every project, not api-service's",
                    config.defaultQuotas().networks(), config.defaultQuotas().ports(),
                    config.defaultQuotas().floatingIps());
        }
    }

    /** The limit (-1 = unlimited) of {@code resource} for the project; 503 problem when api-service cannot say. */
    public long limit(String projectId, String resource) {
        if (!login.configured()) {
            return switch (resource) {
                case ProjectUsage.NETWORKS -> config.defaultQuotas().networks();
                case ProjectUsage.FLOATING_IPS -> config.defaultQuotas().floatingIps();
                default -> config.defaultQuotas().ports();
            };
        }
        return quotas.limit(projectId, resource);
    }
}
