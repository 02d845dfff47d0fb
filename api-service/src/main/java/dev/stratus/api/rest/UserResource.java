package dev.stratus.api.rest;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.User;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/** Users (admin only). Passwords are never shown; roles are granted on a project's members. */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class UserResource {
    /** Body of {@code POST /v1/users}. */
    @Schema(name = "CreateUserRequest")
    public record NewUser(@Size(max = 63) @OneLine String name,
            @Size(max = 72) String password) {
    }

    /** Body of {@code PATCH /v1/users/{id}}. */
    @Schema(name = "UpdateUserRequest")
    public record UserChange(Boolean enabled) {
    }

    public record UserView(String id, String name, boolean enabled) {
        static UserView of(User u) {
            return new UserView(u.id, u.name, u.enabled);
        }
    }

    @Inject
    Caller caller;
    @Inject
    Directory directory;

    @GET
    @Operation(operationId = "listUsers", summary = "List users",
            description = "Every user, by name. Administrators only.")
    public Map<String, List<UserView>> list() {
        caller.requireAdmin();
        return Map.of("users", User.<User>list("order by name").stream().map(UserView::of).toList());
    }

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user",
            description = "A user with a password and no roles (give it one with addProjectMember). Administrators "
            + "only.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)),
            headers = @Header(name = "Location", description = "The new user: /v1/users/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid NewUser body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireAdmin();
        if (body == null) {
            throw ApiException.badRequest("name", "a JSON body {\"name\", \"password\"} is required");
        }
        User user = directory.createUser(body.name(), body.password());
        return Response.created(URI.create("/v1/users/" + user.id)).entity(UserView.of(user)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "Show a user",
            description = "By id or name. Administrators only.")
    public UserView get(@PathParam("id") String id) {
        caller.requireAdmin();
        return User.findByIdOrName(id).map(UserView::of).orElseThrow(() -> ApiException.notFound("user", id));
    }

    /**
     * Deletes the user (administrators): every token of it is refused by every service within about a second, its
     * application credentials and role assignments are deleted with it; the key pairs it created stay with their
     * projects. 409 for the caller's own user.
     */
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteUser", summary = "Delete a user",
            description = "Every token of the user is revoked, its application credentials and role assignments go; "
            + "its key pairs stay with their projects. A user cannot delete itself. Administrators only.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireAdmin();
        directory.deleteUser(id, caller.userId());
        return Response.noContent().build();
    }

    /**
     * {@code {"enabled": false}} disables the user: no new tokens, and the tokens already issued are refused by every
     * service within about a second (TokensRevoked); {@code true} enables it again (new tokens only).
     */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateUser", summary = "Enable or disable a user",
            description = "A disabled user cannot get tokens and its tokens are revoked. Administrators only.")
    public UserView change(@PathParam("id") String id, UserChange body) {
        caller.requireAdmin();
        if (body == null || body.enabled() == null) {
            throw ApiException.badRequest("enabled", "a JSON body {\"enabled\": true|false} is required");
        }
        return UserView.of(directory.setEnabled(id, body.enabled()));
    }
}
