package dev.stratus.api.rest;

import dev.stratus.api.identity.ApplicationCredential;
import dev.stratus.api.identity.ApplicationCredentials;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * The caller's application credentials on its project: create (the secret is in this response only), list,
 * revoke. Exchange one for a token with {@code POST /v1/auth/tokens {"application_credential_id", "secret"}}.
 */
@Path("/v1/application-credentials")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ApplicationCredentialResource {
    /** Body of the create. */
    @Schema(name = "CreateApplicationCredentialRequest")
    public record NewCredential(@Size(max = 64) @OneLine String name) {
    }

    public record CredentialView(String id, String name, String projectId, List<String> roles, String secret,
                                 OffsetDateTime createdAt) {
        static CredentialView of(ApplicationCredential c, String secret) {
            return new CredentialView(c.id, c.name, c.projectId, List.of(c.roles.split(",")), secret, c.createdAt);
        }
    }

    @Inject
    Caller caller;
    @Inject
    ApplicationCredentials credentials;

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createApplicationCredential", summary = "Create an application credential",
            description = "A secret that issues tokens for the token's project and roles without a password (POST "
            + "/v1/auth/tokens with application_credential_id and secret). The secret is in this answer "
            + "only.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CredentialView.class)),
            headers = @Header(name = "Location", description = "The new credential: /v1/application-credentials/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid NewCredential body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireWrite();
        ApplicationCredentials.Created created = credentials.create(caller, body == null ? null : body.name());
        return Response.created(URI.create("/v1/application-credentials/" + created.credential().id))
                .entity(CredentialView.of(created.credential(), created.secret())).build();
    }

    @GET
    @Operation(operationId = "listApplicationCredentials", summary = "List application credentials",
            description = "The caller's credentials (never a secret).")
    public Map<String, List<CredentialView>> list() {
        return Map.of("application_credentials",
                credentials.list(caller).stream().map(c -> CredentialView.of(c, null)).toList());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteApplicationCredential", summary = "Revoke an application credential",
            description = "It issues no more tokens, and the tokens it issued are revoked.")
    @APIResponse(responseCode = "204", description = "Revoked")
    public Response revoke(@PathParam("id") String id) {
        credentials.revoke(caller, id);
        return Response.noContent().build();
    }
}
