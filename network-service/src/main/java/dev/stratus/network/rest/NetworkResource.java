package dev.stratus.network.rest;

import dev.stratus.network.model.Network;
import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.network.quota.QuotaLimits;
import dev.stratus.network.service.NetworkLists;
import dev.stratus.network.service.NetworkService;
import dev.stratus.network.service.SubnetService;
import dev.stratus.network.service.Tenant;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/**
 * Networks: {@code /v1/networks}, scoped by the token's project. Another project's network is a 404 unless it is
 * shared; readers get 403 on every change.
 */
@Path("/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    static final String DEFAULT_NETWORK = "The project's default network is its oldest network named `default`"
            + " that has a subnet: a server created without `networks` gets a port on it (and no NIC when the project"
            + " has none). Shared networks of other projects are never a project's default.";

    private final NetworkService networks;
    private final SubnetService subnets;
    private final QuotaLimits quotas;
    private final Caller caller;
    private final NetworkLists lists;

    public NetworkResource(NetworkService networks, SubnetService subnets, QuotaLimits quotas, Caller caller,
            NetworkLists lists) {
        this.lists = lists;
        this.networks = networks;
        this.subnets = subnets;
        this.quotas = quotas;
        this.caller = caller;
    }

    @Idempotent

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createNetwork",
            summary = "Create a network in the token's project", description = "Members and administrators; "
            + "`shared: true` and `router:external: true` (an external network: routers' gateways and floating IPs take its addresses, servers get no port on it; every project sees it) only administrators (403 naming the field). Counts against the project's `networks` "
            + "quota (409 problem whose `field` is `networks`). " + DEFAULT_NETWORK)
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NetworkView.class)),
            headers = @Header(name = "Location", description = "The new network: /v1/networks/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@jakarta.validation.Valid CreateNetworkRequest request, @Context UriInfo uri) {
        caller.requireWrite();
        Ids.requireBody(request);
        Tenant tenant = Tenant.of(caller);
        String name = request.validName();
        var cidr = request.validCidr();
        long limit = quotas.limit(tenant.projectId(), ProjectUsage.NETWORKS);
        NetworkView network = view(networks.create(tenant, name, cidr, request.mtu(), request.adminStateUp(),
                request.shared(), request.routerExternal(), limit));
        return Response.created(uri.getAbsolutePathBuilder().path(network.id().toString()).build())
                .entity(network).build();
    }

    @GET
    @Operation(operationId = "listNetworks",
            summary = "The project's networks and every shared network", description = DEFAULT_NETWORK + " "
            + PagedLists.DESCRIPTION)
    public NetworkList list(@Context UriInfo uri) {
        var page = lists.networks(Tenant.of(caller), uri.getQueryParameters());
        return new NetworkList(page.items().stream().map(this::view).toList(), page.next());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getNetwork", summary = "Show a network",
            description = "A network of the project, a shared one or an external one.")
    public NetworkView get(@PathParam("id") String id) {
        return view(networks.get(Tenant.of(caller), Ids.parse("network", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateNetwork",
            summary = "Change a network", description = "Absent fields stay as they are. Only the owner project's "
            + "members (or administrators) change a network; another project sees a shared network but gets 403 "
            + "here. Only administrators change `shared`. " + DEFAULT_NETWORK)
    public NetworkView update(@PathParam("id") String id,
            @jakarta.validation.Valid UpdateNetworkRequest request) {
        caller.requireWrite();
        Tenant tenant = Tenant.of(caller);
        Network network = networks.requireMayChange(tenant, networks.get(tenant, Ids.parse("network", id)));
        Ids.requireBody(request);
        return view(networks.update(tenant, network.id, request.validName(), request.adminStateUp(),
                request.shared()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteNetwork", summary = "Delete a network",
            description = "With its subnets; 409 while ports other than its DHCP port use it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        networks.delete(Tenant.of(caller), Ids.parse("network", id));
        return Response.noContent().build();
    }

    private NetworkView view(Network network) {
        return NetworkView.of(network, subnets.ofNetwork(network.id).stream().map(s -> s.id).toList());
    }
}
