package dev.stratus.agent.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * The agent's own token (service user {@code compute-agent}, role {@code service}), from api-service's
 * {@code POST /v1/auth/tokens}, kept until a minute before it expires. Without a configured password the agent sends
 * no token (a deployment whose services do not check tokens, or tests against a double).
 */
public class ServiceToken {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final String identityUrl;
    private final String user;
    private final String project;
    private final Optional<String> password;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant expiresAt = Instant.MIN;

    public ServiceToken(String identityUrl, String user, String project, Optional<String> password) {
        this.identityUrl = identityUrl.endsWith("/") ? identityUrl.substring(0, identityUrl.length() - 1) : identityUrl;
        this.user = user;
        this.project = project;
        this.password = password;
    }

    /** A token that is never sent. */
    public static ServiceToken none() {
        return new ServiceToken("http://localhost", "", "", Optional.empty());
    }

    /** The {@code Authorization} header value, or empty when no password is configured. */
    public synchronized Optional<String> authorization() {
        if (password.isEmpty()) {
            return Optional.empty();
        }
        if (token == null || Instant.now().isAfter(expiresAt.minus(MARGIN))) {
            issue();
        }
        return Optional.of("Bearer " + token);
    }

    /** Forgets the token (after a 401), so the next call asks for a new one. */
    public synchronized void invalidate() {
        token = null;
    }

    private void issue() {
        try {
            byte[] body = JSON.writeValueAsBytes(Map.of("user", user, "password", password.orElseThrow(),
                    "project", project));
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(identityUrl
                            + "/v1/auth/tokens")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException("api-service refused a token for " + user + " ("
                        + response.statusCode() + ")");
            }
            JsonNode answer = JSON.readTree(response.body());
            token = answer.path("token").asText();
            expiresAt = answer.hasNonNull("expires_at") ? Instant.parse(answer.get("expires_at").asText())
                    : Instant.now().plus(Duration.ofMinutes(5));
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach api-service at " + identityUrl + " for a token: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for a token", e);
        }
    }
}
