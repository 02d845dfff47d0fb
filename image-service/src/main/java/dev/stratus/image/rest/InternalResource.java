package dev.stratus.image.rest;

import dev.stratus.image.quota.ProjectUsage;
import dev.stratus.platform.auth.Roles;
import dev.stratus.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Routes for Stratus' own components only (role {@code service}; every other token gets 403): a project's usage. */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalResource {
    private final ProjectUsage usage;

    public InternalResource(ProjectUsage usage) {
        this.usage = usage;
    }

    /** {@code {"images": n, "image_bytes": m}} the project holds (for api-service's {@code in_use}). */
    @GET
    @Path("/usage")
    @Operation(operationId = "getImageUsage", summary = "A project's image usage",
            description = "images and image_bytes in use, for api-service's quota view. Service tokens only.")
    public Map<String, Long> usage(@QueryParam("project") String project) {
        if (project == null || project.isBlank()) {
            throw ApiException.badRequest("project", "project is required: /internal/usage?project=<id>");
        }
        return usage.usage(project);
    }
}
