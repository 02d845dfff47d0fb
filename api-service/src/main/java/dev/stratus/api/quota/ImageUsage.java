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
 * Usage of the quotas image-service enforces ({@code images}, {@code image_bytes}), read from its
 * {@code GET /internal/usage?project=} with api-service's service token, for {@code GET /v1/projects/{id}/quotas}.
 * Best effort, as {@link NetworkUsage}: if image-service cannot answer within 2 s the usage is unknown
 * ({@code in_use: null}), never an error of the quotas route.
 */
@ApplicationScoped
public class ImageUsage {
    private static final Logger LOG = Logger.getLogger(ImageUsage.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Inject
    ApiConfig config;
    @Inject
    ServiceIdentity identity;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** images and image bytes of the project, or an empty map if image-service does not answer. */
    public Map<String, Long> of(String projectId) {
        Map<String, Long> usage = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(config.imageServiceUrl()
                            + "/internal/usage?project=" + URLEncoder.encode(projectId, StandardCharsets.UTF_8)))
                    .timeout(TIMEOUT).header("Authorization", identity.authorization()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.debugf("image usage of %s unknown: HTTP %d", projectId, response.statusCode());
                return usage;
            }
            JsonNode body = json.readTree(response.body());
            for (String resource : new String[]{"images", "image_bytes"}) {
                if (body.path(resource).isNumber()) {
                    usage.put(resource, body.path(resource).asLong());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("image usage of %s unknown: %s", projectId, e.toString());
        }
        return usage;
    }
}
