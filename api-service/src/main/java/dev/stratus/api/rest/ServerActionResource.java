package dev.stratus.api.rest;

import dev.stratus.api.lifecycle.Actor;
import dev.stratus.api.lifecycle.Command;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.service.ServerService;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * A server's lifecycle actions ({@code POST /v1/servers/{id}/actions/{action}}: 202, then the state changes; poll
 * the server until its {@code task_state} is null) and its action history. An action the server's state does not
 * allow is a 409 naming the action, the vm_state and the task_state. The snapshot action has its own resource.
 */
@Path("/v1/servers/{id}/actions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ServerActionResource {
    static final List<String> ACTIONS = List.of("stop", "start", "reboot", "pause", "unpause", "suspend", "resume",
            "resize", "confirm-resize", "revert-resize", "rebuild", "snapshot");

    @Inject
    ServerService servers;
    @Inject
    dev.stratus.api.service.ServerImages images;
    @Inject
    Caller caller;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;
    @Inject
    jakarta.validation.Validator validator;

    /** The body is optional (an action without options needs none); one that is sent must be JSON. */
    @POST
    @Path("/{action}")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "serverAction", summary = "Run a lifecycle action on a server",
            description = "Documented per action (stopServer, startServer, ...): the filter "
            + "dev.stratus.api.rest.ApiContract replaces this template.")
    @APIResponse(responseCode = "202", description = "Accepted: the server with its task_state",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerView.class)),
            headers = @Header(name = "X-Request-Id",
                    description = "The id of this request in the server's action history",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
            @HeaderParam("Content-Type") String contentType, byte[] body) throws java.io.IOException {
        caller.requireWrite();
        UUID serverId = ServerResource.parse(id);
        // another project's server is a 404 whatever the body says
        Instance current = Instance.findLive(caller.projectId(), serverId)
                .orElseThrow(() -> ApiException.notFound("server", id));
        ActionRequest request = ActionRequest.NONE;
        if (body != null && body.length > 0) {
            if (contentType == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(contentType))) {
                throw new ApiException(415, "Unsupported Media Type", "an action's body is application/json", null);
            }
            request = json.readValue(body, ActionRequest.class);
            java.util.Set<jakarta.validation.ConstraintViolation<ActionRequest>> violations =
                    request == null ? java.util.Set.of() : validator.validate(request);
            if (!violations.isEmpty()) {
                throw new jakarta.validation.ConstraintViolationException(violations);
            }
        }
        Command command = command(action, request == null ? ActionRequest.NONE : request, current);
        Actor actor = Actor.user(caller.userId());
        Instance instance = servers.apply(caller.projectId(), serverId, command, actor);
        return Response.accepted(ServerView.of(instance)).header("X-Request-Id", actor.requestId()).build();
    }

    /** The server's history, oldest first: one entry per request, and what Stratus did by itself (user_id null). */
    @GET
    @Operation(operationId = "listServerActions", summary = "List a server's actions",
            description = "The server's history, oldest first: one entry per request (with its request id and user) "
            + "and what Stratus did by itself (user_id null), each with its result.")
    public Map<String, List<ActionView>> history(@PathParam("id") String id) {
        Instance instance = Instance.findLive(caller.projectId(), ServerResource.parse(id))
                .orElseThrow(() -> ApiException.notFound("server", id));
        return Map.of("actions", InstanceActionRecord.of(instance.id).stream().map(ActionView::of).toList());
    }

    private Command command(String action, ActionRequest request, Instance current) {
        if (request.force() != null && !action.equals("stop")) {
            throw ApiException.badRequest("force", "force is an option of stop only");
        }
        if (request.type() != null && !action.equals("reboot")) {
            throw ApiException.badRequest("type", "type is an option of reboot only");
        }
        if (request.flavor() != null && !action.equals("resize")) {
            throw ApiException.badRequest("flavor", "flavor is an option of resize only");
        }
        if (request.image() != null && !action.equals("rebuild")) {
            throw ApiException.badRequest("image", "image is an option of rebuild only");
        }
        return switch (action) {
            case "stop" -> new Command.Stop(Boolean.TRUE.equals(request.force()));
            case "start" -> new Command.Start();
            case "reboot" -> new Command.Reboot(hard(request.type()));
            case "pause" -> new Command.Pause();
            case "unpause" -> new Command.Unpause();
            case "suspend" -> new Command.Suspend();
            case "resume" -> new Command.Resume();
            case "resize" -> new Command.Resize(flavor(request.flavor()));
            case "confirm-resize" -> new Command.ConfirmResize();
            case "revert-resize" -> new Command.RevertResize();
            case "rebuild" -> new Command.Rebuild(image(request.image(), current));
            default -> throw ApiException.badRequest("action", "unknown action '" + action + "'; one of "
                    + String.join(", ", ACTIONS));
        };
    }

    private static dev.stratus.contracts.FlavorSpec flavor(String reference) {
        if (reference == null || reference.isBlank()) {
            throw ApiException.badRequest("flavor", "resize needs {\"flavor\": <an id or name from GET /v1/flavors>}");
        }
        return dev.stratus.api.model.Flavor.findByIdOrName(reference).orElseThrow(() -> ApiException.badRequest(
                "flavor", "flavor '" + reference + "' does not exist (see GET /v1/flavors)")).toSpec();
    }

    /** The image to rebuild from: the one named, else the server's own (which must still be there and active). */
    private dev.stratus.contracts.ImageRef image(String reference, Instance current) {
        if (reference != null) {
            if (reference.isBlank()) {
                throw ApiException.badRequest("image", "image is an image id or name from GET /v1/images");
            }
            return images.resolve(reference).ref();
        }
        try {
            return images.resolve(current.imageId).ref();
        } catch (ApiException e) {
            if (e.toProblem().status() != 400) {
                throw e;
            }
            throw ApiException.badRequest("image", "the server's own image " + current.imageId + " cannot be used"
                    + " any more (" + e.getMessage() + "); name another: {\"image\": <id or name>}");
        }
    }

    private static boolean hard(String type) {
        if (type == null || type.equals("soft")) {
            return false;
        }
        if (type.equals("hard")) {
            return true;
        }
        throw ApiException.badRequest("type", "type is 'soft' (ACPI, hard after the grace period; the default) or"
                + " 'hard' (a reset)");
    }

    /**
     * The optional body of an action: {@code force} (stop), {@code type} (reboot), {@code flavor} (resize, required)
     * or {@code image} (rebuild; the server's own image by default).
     */
    public record ActionRequest(Boolean force, @Size(max = 16) @OneLine String type,
            @Size(max = 255) @OneLine String flavor, @Size(max = 255) @OneLine String image) {
        static final ActionRequest NONE = new ActionRequest(null, null, null, null);
    }

    /** One entry of the action history. */
    public record ActionView(String action, String requestId, String userId, java.time.OffsetDateTime startedAt,
            java.time.OffsetDateTime finishedAt, String result, String message) {
        static ActionView of(InstanceActionRecord r) {
            return new ActionView(r.action, r.requestId, r.userId, r.startedAt, r.finishedAt, r.result, r.message);
        }
    }
}
