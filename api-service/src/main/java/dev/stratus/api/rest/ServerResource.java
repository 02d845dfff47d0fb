package dev.stratus.api.rest;

import dev.stratus.api.lifecycle.Actor;
import dev.stratus.api.lifecycle.Command;
import dev.stratus.api.model.Instance;
import dev.stratus.api.service.ConsoleReader;
import dev.stratus.api.service.CreateServer;
import dev.stratus.api.service.ServerPatch;
import dev.stratus.api.service.ServerQuery;
import dev.stratus.api.service.ServerService;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
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
 * Servers of the caller's project: create, list, show, delete, console. Another project's server is a 404; a reader
 * cannot create or delete (403). The HTTP layer only parses and renders.
 */
@Path("/v1/servers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ServerResource {
    @Inject
    ServerService servers;
    @Inject
    dev.stratus.api.service.FloatingAddresses floating;
    @Inject
    ConsoleReader consoles;
    @Inject
    Caller caller;

    /** {@code Idempotency-Key}: see {@link Idempotent}; the key is stored in the create's own transaction. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Operation(operationId = "createServer", summary = "Create a server",
            description = "Validates the request, checks the project quota and stores the server as BUILDING "
            + "(task_state scheduling) in one transaction; the scheduler places it and its host boots "
            + "it. Answers 202 at once: poll getServer until status is ACTIVE, or ERROR with a fault. "
            + "The same Idempotency-Key with the same body returns the first answer again; with another "
            + "body it is a 409.")
    @APIResponse(responseCode = "202", description = "Accepted: the server as stored, status BUILDING",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerView.class)),
            headers = @Header(name = "Location", description = "The new server: /v1/servers/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@jakarta.validation.Valid CreateServer request,
            @HeaderParam("Idempotency-Key") String idempotencyKey) {
        caller.requireWrite();
        Instance instance = servers.create(project(), request, Actor.user(caller.userId()));
        return Response.accepted(ServerView.of(instance)).location(URI.create("/v1/servers/" + instance.id)).build();
    }

    /**
     * A page of the project's servers (see {@link ServerQuery} for filters, sorting and pagination); {@code next}
     * is the link to the next page, absent on the last.
     */
    @GET
    @Operation(operationId = "listServers", summary = "List servers",
            description = "The servers of the token's project, a page at a time: follow next "
            + "until it is absent. Filters (status, name, image, flavor...), sort_key, sort_dir, limit "
            + "and marker are query parameters.")
    public Map<String, Object> list(@jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        // reads only: no transaction (at READ COMMITTED one would not make its three queries one snapshot either),
        // so no begin, flush and commit per page
        return ServerQuery.run(project(), caller.isAdmin(), uri.getQueryParameters())
                .pageBody("servers", (List<Instance> page) -> ServerView.of(page));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getServer", summary = "Show a server",
            description = "The server's desired and observed state (status, task_state, power_state), its addresses "
            + "(floating ones included) and, in ERROR, its fault.")
    public ServerView get(@PathParam("id") String id) {
        Instance instance = find(id);
        ServerView view = ServerView.of(instance);
        return view.withAddresses(floating.add(instance, view.addresses()));
    }

    /** JSON merge patch: {@code name}, {@code expires_at} (null clears it) or {@code ttl_seconds}. */
    @PATCH
    @Path("/{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateServer", summary = "Change a server",
            description = "A JSON merge patch (RFC 7396) of name, expires_at (null clears it) or ttl_seconds (from "
            + "now); other members are a 400.")
    public ServerView update(@PathParam("id") String id, com.fasterxml.jackson.databind.JsonNode body) {
        caller.requireWrite();
        find(id); // another project's server is a 404 whatever the body says
        return ServerView.of(servers.update(project(), parse(id), ServerPatch.parse(body)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteServer", summary = "Delete a server",
            description = "Accepted at once (task_state deleting): the host destroys the domain and removes its "
            + "disks, then getServer answers 404; right after, from its one InstanceDeleted event, the ports made "
            + "for it are deleted (ports you attached are unbound and kept), their addresses and floating IP "
            + "associations freed, and its claim on the host released (listPorts with device_id shows them until "
            + "then). A server is deletable in every state.")
    @APIResponse(responseCode = "202", description = "Accepted: the server, task_state deleting",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ServerView.class)))
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        Instance instance = servers.apply(project(), parse(id), new Command.Delete(), Actor.user(caller.userId()));
        return Response.accepted(ServerView.of(instance)).build();
    }

    /** The serial console log of the server, as its host's agent has it; {@code tail_bytes} limits it. */
    @GET
    @Path("/{id}/console")
    @Produces({MediaType.TEXT_PLAIN, "application/problem+json"})
    @Operation(operationId = "getServerConsole", summary = "Read a server's console log",
            description = "The serial console output as the server's host has it (text); tail_bytes keeps only the "
            + "last bytes. A server not placed on a host yet has an empty log.")
    @APIResponse(responseCode = "200", description = "The console log",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    public String console(@PathParam("id") String id, @QueryParam("tail_bytes") Long tailBytes) {
        return consoles.read(find(id), tailBytes);
    }

    private Instance find(String id) {
        return Instance.findLive(project(), parse(id)).orElseThrow(() -> ApiException.notFound("server", id));
    }

    private String project() {
        return caller.projectId();
    }

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("server", id);
        }
    }
}
