package dev.stratus.api.rest;

import dev.stratus.api.identity.Authenticator;
import dev.stratus.api.identity.SigningKeys;
import dev.stratus.api.identity.TokenIssuer;
import dev.stratus.api.quota.TokenRateLimits;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.input.OneLine;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** Tokens: issue (by password or application credential), introspect one's own, and the public keys (JWKS). */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuthResource {
    /** Body of {@code POST /v1/auth/tokens}: user + password + project, or application_credential_id + secret. */
    public record TokenRequest(@Size(max = 64) @OneLine String user, @Size(max = 72) String password,
            @Size(max = 64) @OneLine String project,
            @Size(max = 64) @OneLine String applicationCredentialId,
            @Size(max = 128) String secret) {
    }

    /** A token and what it says. */
    public record TokenView(String userId, String userName, String projectId, Set<String> roles, Instant expiresAt) {
    }

    @Inject
    Authenticator authenticator;
    @Inject
    SigningKeys keys;
    @Inject
    Caller caller;
    @Inject
    JsonWebToken jwt;
    @Inject
    TokenRateLimits rateLimits;
    @Inject
    HttpServerRequest http;

    /** Rate limited per user name (or credential id) and per source address before any secret is checked: 429. */
    @POST
    @Path("/tokens")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueToken", summary = "Issue a token",
            description = "By user, password and project, or by application_credential_id and secret. The token (an "
            + "RS256 JWT) is in the body and in X-Subject-Token; send it as Authorization: Bearer. Rate "
            + "limited per user and per address (429).")
    @APIResponse(responseCode = "201", description = "The token",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "IssuedToken")),
            headers = @Header(name = "X-Subject-Token", description = "The token again",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "401", description = "No such user, project or credential, a wrong password or"
            + " secret, a disabled user, or no role on the project (one answer for all, so none is confirmed)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response issue(@Valid TokenRequest request) {
        if (request == null) {
            throw dev.stratus.platform.problem.ApiException.badRequest(null,
                    "a JSON body {\"user\", \"password\", \"project\"} or {\"application_credential_id\", \"secret\"}"
                            + " is required");
        }
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        rateLimits.take(request.applicationCredentialId() != null ? "credential:" + request.applicationCredentialId()
                : request.user() == null ? null : "user:" + request.user(), address);
        TokenIssuer.IssuedToken issued = request.applicationCredentialId() != null
                ? authenticator.byApplicationCredential(request.applicationCredentialId(), request.secret())
                : authenticator.byPassword(request.user(), request.password(), request.project());
        return Response.status(201).header("X-Subject-Token", issued.token())
                .entity(Map.of("token", issued.token(), "expires_at", issued.expiresAt().toString())).build();
    }

    /** What the caller's token says (user, project, roles, expiry). */
    @GET
    @Path("/tokens/self")
    @Authenticated
    @Operation(operationId = "getCurrentToken", summary = "Show the caller's token",
            description = "What the bearer token says: user, project, roles and expiry.")
    public TokenView self() {
        return new TokenView(caller.userId(), jwt.getName(), caller.projectId(), new TreeSet<>(caller.roles()),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    /** The public keys of every signing key whose tokens may still be valid (unauthenticated). */
    @GET
    @Path("/keys")
    @PermitAll
    @Operation(operationId = "listTokenKeys", summary = "List the token signing keys (JWKS)",
            description = "The public keys of every signing key whose tokens may still be valid, as a JSON Web Key "
            + "Set: what a service verifies tokens with.")
    @APIResponse(responseCode = "200", description = "The key set",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "JsonWebKeySet")))
    public String jwks() {
        return "{\"keys\":[" + String.join(",", keys.publishedJwks()) + "]}";
    }
}
