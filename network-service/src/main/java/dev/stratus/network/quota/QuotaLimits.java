package dev.stratus.network.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.network.config.NetworkServiceConfig;
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
 * A project's limit of {@code networks} or {@code ports}, read from api-service ({@code GET /v1/projects/{id}/quotas},
 * which holds the defaults and the admins' overrides) with network-service's service token, on every create (no
 * cache: a lowered limit applies at once). Without service credentials the configured fallback limits apply.
 */
@ApplicationScoped
public class QuotaLimits {
    private static final Logger LOG = Logger.getLogger(QuotaLimits.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkServiceConfig config;
    private final ServiceLogin login;
    private final HttpClient http;

    public QuotaLimits(NetworkServiceConfig config, ServiceLogin login) {
        this.config = config;
        this.login = login;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.identityTimeout()).build();
    }

    void warnWithoutCredentials(@Observes StartupEvent event) {
        if (!login.configured()) {
            LOG.warnf("stratus.network.service-password is unset: quotas are the configured fallback (networks %d,"
                    + " ports %d) for every project, not api-service's", config.defaultQuotas().networks(),
                    config.defaultQuotas().ports());
        }
    }

    /** The limit (-1 = unlimited) of {@code resource} for the project; 503 problem when api-service cannot say. */
    public long limit(String projectId, String resource) {
        if (!login.configured()) {
            return "networks".equals(resource) ? config.defaultQuotas().networks() : config.defaultQuotas().ports();
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
