package dev.stratus.image.rest;

import dev.stratus.image.service.ProjectHoldings;
import dev.stratus.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * api-service's questions before it deletes a project (role {@code service} only): what the project still holds
 * here, and the release of what is left once it holds nothing.
 */
@Path("/internal/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalProjectResource {
    private final ProjectHoldings holdings;

    public InternalProjectResource(ProjectHoldings holdings) {
        this.holdings = holdings;
    }

    /** {@code {"images": n}}: only the kinds the project holds (empty: nothing). */
    @GET
    @Path("/holdings")
    @Operation(operationId = "getImageProjectHoldings", summary = "What a project holds here",
            description = "For api-service's project deletion. Services only.")
    public Map<String, Long> holdings(@PathParam("project") @Size(max = 64) String project) {
        return holdings.of(project);
    }

    /** 204 once the project's memberships and quota lock are gone; 409 (with {@code holdings}) if it holds more. */
    @DELETE
    @Operation(operationId = "releaseImageProject", summary = "Release a project that holds nothing else here",
            description = "For api-service's project deletion. Services only.")
    @APIResponse(responseCode = "204", description = "Released")
    public Response release(@PathParam("project") @Size(max = 64) String project) {
        holdings.release(project);
        return Response.noContent().build();
    }
}
