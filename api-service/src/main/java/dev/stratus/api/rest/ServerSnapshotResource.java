package dev.stratus.api.rest;

import dev.stratus.api.service.ServerSnapshots;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * {@code POST /v1/servers/{id}/actions/snapshot {"name"}}: 202 with the id of a new image (queued) that the
 * server's host fills with the server's flattened disk; poll {@code GET /v1/images/{image_id}} until active.
 * Only the server's project sees it (another project's server is a 404); a reader gets 403. The image is created
 * in image-service with the caller's own token, so it belongs to the caller's project.
 */
@Path("/v1/servers/{id}/actions/snapshot")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ServerSnapshotResource {
    @Inject
    ServerSnapshots snapshots;
    @Inject
    Caller caller;

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "snapshotServer", summary = "Snapshot a server",
            description = "Saves the server's disk as a new private image of the project (status queued, then "
            + "saving, then active; poll getImage). The server keeps running.")
    @APIResponse(responseCode = "202", description = "Accepted: the id of the new image",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = SnapshotAccepted.class)),
            headers = @Header(name = "Location", description = "The new image: /v1/images/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response snapshot(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                             @jakarta.validation.Valid SnapshotRequest request,
                             @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireWrite();
        UUID serverId;
        try {
            serverId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("server", id);
        }
        String imageId = snapshots.request(caller.projectId(), serverId, request == null ? null : request.name(),
                authorization, dev.stratus.api.lifecycle.Actor.user(caller.userId()));
        return Response.accepted(new SnapshotAccepted(imageId, id)).location(URI.create("/v1/images/" + imageId))
                .build();
    }
}
