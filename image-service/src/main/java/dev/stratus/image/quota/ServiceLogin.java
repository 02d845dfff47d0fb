package dev.stratus.image.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * image-service's own token (service user {@code image-service}, role {@code service}), from api-service's
 * {@code POST /v1/auth/tokens}, kept until a minute before it expires. Asked for lazily: image-service starts
 * before api-service.
 */
@ApplicationScoped
public class ServiceLogin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final ImageServiceConfig config;
    private final HttpClient http;
    private String token;
    private Instant expiresAt = Instant.MIN;

    public ServiceLogin(ImageServiceConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.identityTimeout()).build();
    }

    /** Whether a service password is configured (else image-service cannot call api-service). */
    public boolean configured() {
        return config.servicePassword().isPresent();
    }

    /** {@code Bearer <token>}; empty without a configured password; 503 problem when api-service refuses. */
    public synchronized Optional<String> authorization() {
        if (!configured()) {
            return Optional.empty();
        }
        if (token == null || Instant.now().isAfter(expiresAt.minus(MARGIN))) {
            issue();
        }
        return Optional.of("Bearer " + token);
    }

    /** Forgets the token (after a 401), so the next call logs in again. */
    public synchronized void invalidate() {
        token = null;
    }

    private void issue() {
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("user", config.serviceUser(), "password",
                    config.servicePassword().orElseThrow(), "project", config.serviceProject()));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/v1/auth/tokens"))
                    .timeout(config.identityTimeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw ApiException.unavailable("api-service refused a token for the service user "
                        + config.serviceUser() + " (" + response.statusCode() + ")");
            }
            JsonNode answer = JSON.readTree(response.body());
            token = answer.path("token").asText();
            expiresAt = answer.hasNonNull("expires_at") ? Instant.parse(answer.get("expires_at").asText())
                    : Instant.now().plus(Duration.ofMinutes(5));
        } catch (IOException e) {
            throw ApiException.unavailable("api-service is unreachable for image-service's token: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking api-service for a token");
        }
    }

    String base() {
        String url = config.identityUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
