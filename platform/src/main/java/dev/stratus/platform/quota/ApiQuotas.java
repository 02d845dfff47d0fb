package dev.stratus.platform.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.client.ProjectQuotasClient;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.ws.rs.WebApplicationException;

/**
 * A project's limits as api-service holds them ({@code GET /v1/projects/{id}/quotas}: defaults and the admins'
 * overrides), read with a service's own token on every call (no cache: a lowered limit applies at once). Services
 * that own a quota's resources (image-service, network-service) enforce it with these limits.
 */
public class ApiQuotas {
    private final ServiceLogin login;
    private final ProjectQuotasClient client;

    public ApiQuotas(ServiceLogin login, ProjectQuotasClient client) {
        this.login = login;
        this.client = client;
    }

    /** The project's limit (-1 = unlimited) of {@code resource}; 503 problem when api-service cannot say. */
    public long limit(String projectId, String resource) {
        if (!login.configured()) {
            throw ApiException.unavailable("no service password is configured to read the project's quotas");
        }
        JsonNode quotas;
        try {
            quotas = Upstream.callAs(login, "api-service", authorization -> client.quotas(projectId, false, authorization));
        } catch (WebApplicationException e) {
            // a 4xx: api-service does not know the project or refuses the service user; the quota cannot be checked
            throw ApiException.unavailable("api-service answered " + Upstream.status(e) + " for the quotas of project "
                    + projectId);
        }
        JsonNode limit = quotas == null ? null : quotas.path(resource).path("limit");
        if (limit == null || !limit.isIntegralNumber()) {
            throw ApiException.unavailable("api-service lists no " + resource + " quota for project " + projectId);
        }
        return limit.asLong();
    }
}
