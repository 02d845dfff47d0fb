package dev.stratus.api.rest;

import dev.stratus.api.identity.SigningKeys;
import dev.stratus.platform.auth.Caller;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Signing key rotation (admin): new tokens are signed by a new key; old tokens verify until they expire. */
@Path("/v1/admin/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SigningKeyResource {
    @Inject
    Caller caller;
    @Inject
    SigningKeys keys;

    @POST
    @Path("/rotate")
    @Operation(operationId = "rotateSigningKey", summary = "Rotate the signing key",
            description = "New tokens are signed by a new key; tokens signed by the previous keys stay valid until "
            + "they expire. Administrators only.")
    @APIResponse(responseCode = "200", description = "The new key id",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "RotatedKey")))
    public Map<String, String> rotate() {
        caller.requireAdmin();
        return Map.of("kid", keys.rotate());
    }
}
