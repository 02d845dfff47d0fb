package dev.stratus.network.rest;

import dev.stratus.network.model.Network;
import dev.stratus.network.service.NetworkService;
import dev.stratus.network.service.ProjectScope;
import dev.stratus.network.service.SubnetService;
import dev.stratus.platform.idempotency.Idempotent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Networks: {@code /v1/networks}. */
@Path("/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final NetworkService networks;
    private final SubnetService subnets;
    private final ProjectScope project;

    public NetworkResource(NetworkService networks, SubnetService subnets, ProjectScope project) {
        this.networks = networks;
        this.subnets = subnets;
        this.project = project;
    }

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateNetworkRequest request, @Context UriInfo uri) {
        Ids.requireBody(request);
        NetworkView network = view(networks.create(project.current(), request.validName(), request.validCidr(),
                request.mtu(), request.adminStateUp(), request.shared()));
        return Response.created(uri.getAbsolutePathBuilder().path(network.id().toString()).build())
                .entity(network).build();
    }

    @GET
    public NetworkList list() {
        return new NetworkList(networks.list(project.current()).stream().map(this::view).toList());
    }

    @GET
    @Path("/{id}")
    public NetworkView get(@PathParam("id") String id) {
        return view(networks.get(project.current(), Ids.parse("network", id)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        networks.delete(project.current(), Ids.parse("network", id));
        return Response.noContent().build();
    }

    private NetworkView view(Network network) {
        return NetworkView.of(network, subnets.ofNetwork(network.id).stream().map(s -> s.id).toList());
    }
}
