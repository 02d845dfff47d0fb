package dev.stratus.image.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

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
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageServiceConfig config;
    private final ServiceLogin login;
    private final HttpClient http;

    public QuotaLimits(ImageServiceConfig config, ServiceLogin login) {
        this.config = config;
        this.login = login;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.identityTimeout()).build();
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
        JsonNode quotas = fetch(projectId, false);
        JsonNode limit = quotas.path(resource).path("limit");
        if (!limit.isIntegralNumber()) {
            throw ApiException.unavailable("api-service lists no " + resource + " quota for project " + projectId);
        }
        return limit.asLong();
    }

    private JsonNode fetch(String projectId, boolean retried) {
        Optional<String> authorization = login.authorization();
        HttpRequest request = HttpRequest.newBuilder(URI.create(login.base() + "/v1/projects/"
                        + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/quotas"))
                .timeout(config.identityTimeout()).header("Accept", "application/json")
                .header("Authorization", authorization.orElseThrow()).GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 && !retried) {
                login.invalidate(); // e.g. api-service restarted with a new key
                return fetch(projectId, true);
            }
            if (response.statusCode() != 200) {
                throw ApiException.unavailable("api-service answered " + response.statusCode()
                        + " for the quotas of project " + projectId);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("api-service is unreachable for the project's quotas: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while reading the project's quotas");
        }
    }
}
