package dev.stratus.api.rest;

import dev.stratus.api.lifecycle.Actor;
import dev.stratus.api.lifecycle.Command;
import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstanceActionRecord;
import dev.stratus.api.service.ServerService;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
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
            "snapshot");

    @Inject
    ServerService servers;
    @Inject
    Caller caller;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /** The body is optional (an action without options needs none); one that is sent must be JSON. */
    @POST
    @Path("/{action}")
    @Consumes(MediaType.WILDCARD)
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
            @HeaderParam("Content-Type") String contentType, byte[] body) throws java.io.IOException {
        caller.requireWrite();
        UUID serverId = ServerResource.parse(id);
        // another project's server is a 404 whatever the body says
        Instance.findLive(caller.projectId(), serverId).orElseThrow(() -> ApiException.notFound("server", id));
        ActionRequest request = new ActionRequest(null, null);
        if (body != null && body.length > 0) {
            if (contentType == null || !MediaType.APPLICATION_JSON_TYPE.isCompatible(MediaType.valueOf(contentType))) {
                throw new ApiException(415, "Unsupported Media Type", "an action's body is application/json", null);
            }
            request = json.readValue(body, ActionRequest.class);
        }
        Command command = command(action, request == null ? new ActionRequest(null, null) : request);
        Actor actor = Actor.user(caller.userId());
        Instance instance = servers.apply(caller.projectId(), serverId, command, actor);
        return Response.accepted(ServerView.of(instance)).header("X-Request-Id", actor.requestId()).build();
    }

    /** The server's history, oldest first: one entry per request, and what Stratus did by itself (user_id null). */
    @GET
    public Map<String, List<ActionView>> history(@PathParam("id") String id) {
        Instance instance = Instance.findLive(caller.projectId(), ServerResource.parse(id))
                .orElseThrow(() -> ApiException.notFound("server", id));
        return Map.of("actions", InstanceActionRecord.of(instance.id).stream().map(ActionView::of).toList());
    }

    private static Command command(String action, ActionRequest request) {
        if (request.force() != null && !action.equals("stop")) {
            throw ApiException.badRequest("force", "force is an option of stop only");
        }
        if (request.type() != null && !action.equals("reboot")) {
            throw ApiException.badRequest("type", "type is an option of reboot only");
        }
        return switch (action) {
            case "stop" -> new Command.Stop(Boolean.TRUE.equals(request.force()));
            case "start" -> new Command.Start();
            case "reboot" -> new Command.Reboot(hard(request.type()));
            case "pause" -> new Command.Pause();
            case "unpause" -> new Command.Unpause();
            case "suspend" -> new Command.Suspend();
            case "resume" -> new Command.Resume();
            default -> throw ApiException.badRequest("action", "unknown action '" + action + "'; one of "
                    + String.join(", ", ACTIONS));
        };
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

    /** The optional body of an action: {@code force} (stop) or {@code type} (reboot). */
    public record ActionRequest(Boolean force, String type) {
    }

    /** One entry of the action history. */
    public record ActionView(String action, String requestId, String userId, java.time.OffsetDateTime startedAt,
            java.time.OffsetDateTime finishedAt, String result, String message) {
        static ActionView of(InstanceActionRecord r) {
            return new ActionView(r.action, r.requestId, r.userId, r.startedAt, r.finishedAt, r.result, r.message);
        }
    }
}
