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

/**
 * The caller's application credentials on its project: create (the secret is in this response only), list,
 * revoke. Exchange one for a token with {@code POST /v1/auth/tokens {"application_credential_id", "secret"}}.
 */
@Path("/v1/application-credentials")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ApplicationCredentialResource {
    /** Body of the create. */
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
    public Response create(@Valid NewCredential body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireWrite();
        ApplicationCredentials.Created created = credentials.create(caller, body == null ? null : body.name());
        return Response.created(URI.create("/v1/application-credentials/" + created.credential().id))
                .entity(CredentialView.of(created.credential(), created.secret())).build();
    }

    @GET
    public Map<String, List<CredentialView>> list() {
        return Map.of("application_credentials",
                credentials.list(caller).stream().map(c -> CredentialView.of(c, null)).toList());
    }

    @DELETE
    @Path("/{id}")
    public Response revoke(@PathParam("id") String id) {
        credentials.revoke(caller, id);
        return Response.noContent().build();
    }
}
