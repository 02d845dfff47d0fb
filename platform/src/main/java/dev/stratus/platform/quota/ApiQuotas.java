package dev.stratus.platform.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.problem.ApiException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A project's limits as api-service holds them ({@code GET /v1/projects/{id}/quotas}: defaults and the admins'
 * overrides), read with a service's own token on every call (no cache: a lowered limit applies at once). Services
 * that own a quota's resources (image-service, network-service) enforce it with these limits.
 */
public class ApiQuotas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceLogin login;
    private final Duration timeout;
    private final HttpClient http;

    public ApiQuotas(ServiceLogin login, Duration timeout) {
        this.login = login;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The project's limit (-1 = unlimited) of {@code resource}; 503 problem when api-service cannot say. */
    public long limit(String projectId, String resource) {
        JsonNode limit = fetch(projectId, false).path(resource).path("limit");
        if (!limit.isIntegralNumber()) {
            throw ApiException.unavailable("api-service lists no " + resource + " quota for project " + projectId);
        }
        return limit.asLong();
    }

    private JsonNode fetch(String projectId, boolean retried) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(login.identityUrl() + "/v1/projects/"
                        + URLEncoder.encode(projectId, StandardCharsets.UTF_8) + "/quotas"))
                .timeout(timeout).header("Accept", "application/json")
                .header("Authorization", login.authorization().orElseThrow(() -> ApiException.unavailable(
                        "no service password is configured to read the project's quotas"))).GET().build();
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
