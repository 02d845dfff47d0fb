package dev.stratus.network.rest;

import dev.stratus.network.service.NetworkService;
import dev.stratus.platform.problem.ApiException;
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

import java.util.UUID;

/** Networks: {@code /v1/networks}. */
@Path("/v1/networks")
@Produces(MediaType.APPLICATION_JSON)
public class NetworkResource {
    private final NetworkService networks;

    public NetworkResource(NetworkService networks) {
        this.networks = networks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreateNetworkRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ApiException.badRequest(null, "a JSON body is required");
        }
        NetworkView network = NetworkView.of(networks.create(request.validName(), request.validCidr()));
        return Response.created(uri.getAbsolutePathBuilder().path(network.id().toString()).build())
                .entity(network).build();
    }

    @GET
    public NetworkList list() {
        return new NetworkList(networks.list().stream().map(NetworkView::of).toList());
    }

    @GET
    @Path("/{id}")
    public NetworkView get(@PathParam("id") String id) {
        return NetworkView.of(networks.get(parseId(id)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        networks.delete(parseId(id));
        return Response.noContent().build();
    }

    /** Anything that is not a UUID names no network: 404, as an unknown id would. */
    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("network", id);
        }
    }
}
