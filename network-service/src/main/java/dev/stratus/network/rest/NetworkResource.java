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
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a network in the token's project", description = "Members and administrators; "
            + "`shared: true` and `router:external: true` (an external network: routers' gateways and floating IPs take its addresses, servers get no port on it; every project sees it) only administrators (403 naming the field). Counts against the project's `networks` "
            + "quota (409 problem whose `field` is `networks`). " + DEFAULT_NETWORK)
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
    @Operation(summary = "The project's networks and every shared network", description = DEFAULT_NETWORK + " "
            + PagedLists.DESCRIPTION)
    public NetworkList list(@Context UriInfo uri) {
        var page = lists.networks(Tenant.of(caller), uri.getQueryParameters());
        return new NetworkList(page.items().stream().map(this::view).toList(), page.next());
    }

    @GET
    @Path("/{id}")
    public NetworkView get(@PathParam("id") String id) {
        return view(networks.get(Tenant.of(caller), Ids.parse("network", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a network", description = "Absent fields stay as they are. Only the owner project's "
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
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        networks.delete(Tenant.of(caller), Ids.parse("network", id));
        return Response.noContent().build();
    }

    private NetworkView view(Network network) {
        return NetworkView.of(network, subnets.ofNetwork(network.id).stream().map(s -> s.id).toList());
    }
}
