package dev.stratus.api.keypair;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.security.Authenticated;
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
 * SSH key pairs of the caller's project: {@code POST /v1/key-pairs {"name", "public_key"}} imports an OpenSSH public
 * key; without {@code public_key} an ed25519 pair is generated and its {@code private_key} returned this once. Another
 * project's key pair is a 404; readers may list and show, not create or delete (403).
 */
@Path("/v1/key-pairs")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class KeyPairResource {
    /** Body of the create. */
    @Schema(name = "CreateKeyPairRequest")
    public record NewKeyPair(@Size(max = 63) @OneLine String name,
            @Size(max = 16_384) String publicKey) {
    }

    /** A key pair; {@code private_key} only in the response that generated it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyPairView(String id, String name, String type, String fingerprint, String publicKey,
                              String userId, OffsetDateTime createdAt, String privateKey) {
        static KeyPairView of(KeyPair k, String privateKey) {
            return new KeyPairView(k.id, k.name, k.type, k.fingerprint, k.publicKey, k.userId, k.createdAt,
                    privateKey);
        }
    }

    @Inject
    KeyPairs keyPairs;
    @Inject
    Caller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "createKeyPair", summary = "Create or import a key pair",
            description = "Imports public_key (ssh-ed25519, ssh-rsa, ecdsa) or, without it, generates an ed25519 "
            + "key pair whose private_key is in this answer only. Names are unique per project.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeyPairView.class)),
            headers = @Header(name = "Location", description = "The new key pair: /v1/key-pairs/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid NewKeyPair body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireWrite();
        if (body == null) {
            throw ApiException.badRequest("name", "a JSON body {\"name\", \"public_key\"} is required (without "
                    + "public_key an ed25519 key pair is generated)");
        }
        KeyPairs.Created created = keyPairs.create(caller.projectId(), caller.userId(), body.name(), body.publicKey());
        return Response.created(URI.create("/v1/key-pairs/" + created.keyPair().id))
                .entity(KeyPairView.of(created.keyPair(), created.privateKey())).build();
    }

    @GET
    @Operation(operationId = "listKeyPairs", summary = "List key pairs",
            description = "The project's key pairs, by name (never a private key).")
    public Map<String, List<KeyPairView>> list() {
        return Map.of("key_pairs", keyPairs.list(caller.projectId()).stream().map(k -> KeyPairView.of(k, null))
                .toList());
    }

    /** By id or name. */
    @GET
    @Path("/{id}")
    @Operation(operationId = "getKeyPair", summary = "Show a key pair",
            description = "By id or name.")
    public KeyPairView get(@PathParam("id") String id) {
        return KeyPairView.of(keyPairs.get(caller.projectId(), id), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteKeyPair", summary = "Delete a key pair",
            description = "Servers that were created with it keep the key they were given.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        keyPairs.delete(caller.projectId(), id);
        return Response.noContent().build();
    }
}
