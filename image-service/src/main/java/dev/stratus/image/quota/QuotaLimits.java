package dev.stratus.image.quota;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.client.ProjectQuotasClient;
import dev.stratus.platform.quota.ApiQuotas;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A project's limit of {@code images} or {@code image_bytes}, read from api-service
 * ({@code GET /v1/projects/{id}/quotas}, which holds the defaults and the admins' overrides) with image-service's
 * service token, on every create and upload (no cache: a lowered limit applies at once). Without service credentials
 * the configured fallback limits apply ({@code stratus.image.default-quotas.images},
 * {@code stratus.image.project-quota-bytes}). As network-service's: when api-service cannot answer, 503.
 */
@ApplicationScoped
public class QuotaLimits {
    private static final Logger LOG = Logger.getLogger(QuotaLimits.class);

    private final ImageServiceConfig config;
    private final ServiceLogin login;
    private final ApiQuotas quotas;

    public QuotaLimits(ImageServiceConfig config, ServiceLogin login, @RestClient ProjectQuotasClient client) {
        this.config = config;
        this.login = login;
        this.quotas = new ApiQuotas(login, client);
    }

    void warnWithoutCredentials(@Observes StartupEvent event) {
        if (!login.configured()) {
            LOG.warnf("stratus.image.service-password is unset: quotas are the configured fallback (images %d,"
                    + " image bytes %d) for every project, not api-service's", config.defaultQuotas().images(),
                    config.projectQuotaBytes().asLongValue());
        }
    }

    /**
     * The limit (-1 = unlimited) of {@code resource} ({@link ProjectUsage#IMAGES} or {@link ProjectUsage#IMAGE_BYTES})
     * for the project; 503 problem when api-service cannot say.
     */
    public long limit(String projectId, String resource) {
        if (!login.configured() || projectId == null) {
            return ProjectUsage.IMAGES.equals(resource) ? config.defaultQuotas().images()
                    : config.projectQuotaBytes().asLongValue();
        }
        return quotas.limit(projectId, resource);
    }
}
