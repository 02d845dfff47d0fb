package dev.stratus.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.identity.Project;
import dev.stratus.api.model.ProjectServerTtl;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.auth.Roles;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A project's server lifetimes, next to its quotas: {@code default_ttl_seconds} (what a server created without a TTL
 * gets) and {@code max_ttl_seconds} (the longest a server may live after its creation); null is none. Admins set
 * them; the project's own tokens read them.
 */
@Path("/v1/projects/{id}/server-ttl")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ProjectServerTtlResource {
    private static final Set<String> MEMBERS = Set.of("default_ttl_seconds", "max_ttl_seconds");

    @Inject
    Caller caller;

    /** The project's lifetimes. */
    public record ServerTtlView(Long defaultTtlSeconds, Long maxTtlSeconds) {
        static ServerTtlView of(ProjectServerTtl ttl) {
            return new ServerTtlView(ttl.defaultTtlSeconds, ttl.maxTtlSeconds);
        }
    }

    @GET
    @Operation(operationId = "getProjectServerTtl", summary = "Show a project's server lifetimes",
            description = "The default and the longest time to live of the project's new servers (null: none); an "
            + "expired server is deleted.")
    public ServerTtlView get(@PathParam("id") String id) {
        Project project = ProjectResource.find(id);
        if (!caller.isAdmin() && !caller.hasRole(Roles.SERVICE) && !caller.projectId().equals(project.id)) {
            throw ApiException.notFound("project", id);
        }
        return QuarkusTransaction.requiringNew().call(() -> ServerTtlView.of(ProjectServerTtl.of(project.id)));
    }

    /** Sets both: {@code {"default_ttl_seconds": 3600, "max_ttl_seconds": 86400}}; a member left out is none. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateProjectServerTtl", summary = "Set a project's server lifetimes",
            description = "Sets both lifetimes; a member left out or null is none. Administrators only.")
    public ServerTtlView set(@PathParam("id") String id, JsonNode body) {
        caller.requireAdmin();
        Project project = ProjectResource.find(id);
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(null, "a JSON object {\"default_ttl_seconds\", \"max_ttl_seconds\"} is"
                    + " required (null or left out: none)");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!MEMBERS.contains(field)) {
                throw ApiException.badRequest(field, "unknown member '" + field + "'; the members are " + MEMBERS);
            }
        });
        Long defaultTtl = seconds(body, "default_ttl_seconds");
        Long maxTtl = seconds(body, "max_ttl_seconds");
        if (defaultTtl != null && maxTtl != null && defaultTtl > maxTtl) {
            throw ApiException.badRequest("default_ttl_seconds", "default_ttl_seconds (" + defaultTtl + ") is above"
                    + " max_ttl_seconds (" + maxTtl + ")");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            ProjectServerTtl ttl = ProjectServerTtl.of(project.id);
            ttl.defaultTtlSeconds = defaultTtl;
            ttl.maxTtlSeconds = maxTtl;
            ttl.persist();
            return ServerTtlView.of(ttl);
        });
    }

    private static Long seconds(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 1) {
            throw ApiException.badRequest(member, member + " is a whole number of seconds, 1 or more, or null");
        }
        return value.asLong();
    }
}
