package dev.stratus.platform.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.platform.problem.ApiException;

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
 * A service's own token (its service user, role {@code service}), from api-service's {@code POST /v1/auth/tokens},
 * kept until a minute before it expires and asked for lazily (services start before api-service). Without a
 * password the service has no token ({@link #configured()} false). Each service produces one from its config.
 */
public class ServiceLogin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final String service;
    private final String identityUrl;
    private final String user;
    private final String project;
    private final Optional<String> password;
    private final Duration timeout;
    private final HttpClient http;
    private String token;
    private Instant expiresAt = Instant.MIN;

    /**
     * @param service     the service's name, for messages
     * @param identityUrl api-service's base URL
     */
    public ServiceLogin(String service, String identityUrl, String user, String project, Optional<String> password,
            Duration timeout) {
        this.service = service;
        this.identityUrl = identityUrl.endsWith("/") ? identityUrl.substring(0, identityUrl.length() - 1) : identityUrl;
        this.user = user;
        this.project = project;
        this.password = password;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** api-service's base URL, without a trailing slash. */
    public String identityUrl() {
        return identityUrl;
    }

    /** Whether a service password is configured (else the service cannot call api-service). */
    public boolean configured() {
        return password.isPresent();
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
            byte[] body = JSON.writeValueAsBytes(Map.of("user", user, "password", password.orElseThrow(),
                    "project", project));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(identityUrl + "/v1/auth/tokens"))
                    .timeout(timeout).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw ApiException.unavailable("api-service refused a token for the service user " + user + " ("
                        + response.statusCode() + ")");
            }
            JsonNode answer = JSON.readTree(response.body());
            token = answer.path("token").asText();
            expiresAt = answer.hasNonNull("expires_at") ? Instant.parse(answer.get("expires_at").asText())
                    : Instant.now().plus(Duration.ofMinutes(5));
        } catch (IOException e) {
            throw ApiException.unavailable("api-service is unreachable for " + service + "'s token: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking api-service for a token");
        }
    }
}
