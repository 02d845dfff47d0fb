package dev.stratus.api.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.identity.ServiceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Usage of the quotas other services enforce — network-service ({@code networks}, {@code ports}) and image-service
 * ({@code images}, {@code image_bytes}) — read from their {@code GET /internal/usage?project=} with api-service's
 * service token, for {@code GET /v1/projects/{id}/quotas}. Best effort: a service that cannot answer within 2 s
 * leaves its usage unknown ({@code in_use: null}), never an error of the quotas route.
 */
@ApplicationScoped
public class ServiceUsage {
    private static final Logger LOG = Logger.getLogger(ServiceUsage.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ApiConfig config;
    @Inject
    ServiceIdentity identity;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** Usage of every quota resource another service counts; resources it could not tell are missing. */
    public Map<String, Long> of(String projectId) {
        Map<String, Long> usage = new LinkedHashMap<>(ask(config.networkServiceUrl(), projectId, "networks", "ports"));
        usage.putAll(ask(config.imageServiceUrl(), projectId, "images", "image_bytes"));
        return usage;
    }

    private Map<String, Long> ask(String baseUrl, String projectId, String... resources) {
        Map<String, Long> usage = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                            + "/internal/usage?project=" + URLEncoder.encode(projectId, StandardCharsets.UTF_8)))
                    .timeout(TIMEOUT).header("Authorization", identity.authorization()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debugf("usage of %s at %s unknown: HTTP %d", projectId, baseUrl, response.statusCode());
                return usage;
            }
            JsonNode body = json.readTree(response.body());
            for (String resource : resources) {
                if (body.path(resource).isNumber()) {
                    usage.put(resource, body.path(resource).asLong());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("usage of %s at %s unknown: %s", projectId, baseUrl, e.toString());
        }
        return usage;
    }
}
