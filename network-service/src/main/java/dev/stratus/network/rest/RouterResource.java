package dev.stratus.network.rest;

import dev.stratus.network.model.Router;
import dev.stratus.network.service.NetworkLists;
import dev.stratus.network.service.RouterInterfaces;
import dev.stratus.network.service.RouterService;
import dev.stratus.network.service.Tenant;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import dev.stratus.platform.problem.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/**
 * Routers: {@code /v1/routers}, the token's project's only (another project's router is a 404). A router joins its
 * subnets (add-interface) to each other and, through its gateway on an external network, to the outside (SNAT);
 * floating IPs reach ports behind it (DNAT).
 */
@Path("/v1/routers")
@Produces(MediaType.APPLICATION_JSON)
public class RouterResource {
    /** The gateway part of a router body: {@code {"network_id": ...}}; {@code {}} clears it on update. */
    public record GatewayRequest(UUID networkId) {
    }

    /** Body of {@code POST /v1/routers}. */
    public record CreateRouterRequest(@Size(max = MAX_NAME) @OneLine String name, Boolean adminStateUp,
            GatewayRequest externalGatewayInfo) {
    }

    /** Body of {@code PUT /v1/routers/{id}}: absent fields stay as they are. */
    public record UpdateRouterRequest(@Size(max = MAX_NAME) @OneLine String name, Boolean adminStateUp,
            GatewayRequest externalGatewayInfo) {
    }

    /** Body of add-interface and remove-interface: exactly one of the two. */
    public record InterfaceRequest(UUID subnetId, UUID portId) {
    }

    private static final int MAX_NAME = 255;

    private final RouterService routers;
    private final RouterInterfaces interfaces;
    private final Caller caller;
    private final NetworkLists lists;

    public RouterResource(RouterService routers, RouterInterfaces interfaces, Caller caller, NetworkLists lists) {
        this.routers = routers;
        this.interfaces = interfaces;
        this.caller = caller;
        this.lists = lists;
    }

    @Idempotent

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createRouter",
            summary = "Create a router in the token's project", description = "`external_gateway_info: "
            + "{\"network_id\": <external network>}` gives it a gateway address on that network's first subnet (the "
            + "source address of its subnets' outgoing traffic, SNAT); a network that is not `router:external` is a "
            + "400 naming `external_gateway_info.network_id`.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RouterView.class)),
            headers = @Header(name = "Location", description = "The new router: /v1/routers/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid CreateRouterRequest r, @Context UriInfo uri) {
        caller.requireWrite();
        Ids.requireBody(r);
        Tenant tenant = Tenant.of(caller);
        Router router = routers.create(tenant, validName(r.name()), r.adminStateUp(), gateway(r.externalGatewayInfo()));
        return Response.created(uri.getAbsolutePathBuilder().path(router.id.toString()).build())
                .entity(view(router)).build();
    }

    @GET
    @Operation(operationId = "listRouters", summary = "The project's routers", description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.routers(Tenant.of(caller), uri.getQueryParameters()).body("routers", this::view);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getRouter", summary = "Show a router",
            description = "A router of the project, with its interfaces and gateway.")
    public RouterView get(@PathParam("id") String id) {
        return view(routers.get(Tenant.of(caller), Ids.parse("router", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateRouter",
            summary = "Change a router", description = "name, admin_state_up (a router that is down has no"
            + " namespace: it routes nothing), external_gateway_info (`{\"network_id\": ...}` sets or moves the"
            + " gateway, `{}` clears it: 409 while floating IPs use it). Absent fields stay as they are.")
    public RouterView update(@PathParam("id") String id, @Valid UpdateRouterRequest r) {
        caller.requireWrite();
        Tenant tenant = Tenant.of(caller);
        UUID routerId = routers.get(tenant, Ids.parse("router", id)).id;
        Ids.requireBody(r);
        return view(routers.update(tenant, routerId, r.name() == null ? null : validName(r.name()), r.adminStateUp(),
                gateway(r.externalGatewayInfo())));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteRouter",
            summary = "Delete a router", description = "409 while it has interfaces (remove them first); its"
            + " gateway goes with it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        routers.delete(Tenant.of(caller), Ids.parse("router", id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/actions/add-interface")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addRouterInterface",
            summary = "Join a subnet to the router", description = "`{\"subnet_id\"}`: the router takes the"
            + " subnet's gateway address (409 when another router holds it); `{\"port_id\"}`: it takes an unbound"
            + " port of the project with one address. The subnet must be IPv4, of a network the project owns, not"
            + " external, and not overlap the router's other subnets.")
    public RouterInterfaces.RouterInterface addInterface(@PathParam("id") String id, InterfaceRequest r) {
        caller.requireWrite();
        Tenant tenant = Tenant.of(caller);
        UUID routerId = routers.get(tenant, Ids.parse("router", id)).id;
        Ids.requireBody(r);
        return interfaces.add(tenant, routerId, r.subnetId(), r.portId());
    }

    @POST
    @Path("/{id}/actions/remove-interface")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "removeRouterInterface",
            summary = "Remove the router's interface on a subnet", description = "By `subnet_id` or by its"
            + " `port_id`; the interface's port is deleted. 409 while floating IPs reach ports through it; 404 when"
            + " the router has no such interface.")
    public RouterInterfaces.RouterInterface removeInterface(@PathParam("id") String id, InterfaceRequest r) {
        caller.requireWrite();
        Tenant tenant = Tenant.of(caller);
        UUID routerId = routers.get(tenant, Ids.parse("router", id)).id;
        Ids.requireBody(r);
        return interfaces.remove(tenant, routerId, r.subnetId(), r.portId());
    }

    private RouterView view(Router router) {
        return RouterView.of(router, routers.gatewayPort(router));
    }

    private static RouterService.GatewayRequest gateway(GatewayRequest request) {
        return request == null ? null : new RouterService.GatewayRequest(request.networkId());
    }

    private static String validName(String name) {
        if (name != null && name.length() > MAX_NAME) {
            throw ApiException.badRequest("name", "name is longer than " + MAX_NAME + " characters");
        }
        return name;
    }
}
