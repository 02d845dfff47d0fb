package dev.stratus.network.rest;

import dev.stratus.network.model.AllocationPool;
import dev.stratus.network.service.NetworkLists;
import dev.stratus.network.service.SubnetService;
import dev.stratus.network.service.Tenant;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.input.OneLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Subnets: {@code /v1/subnets}. Those of the project's networks and of shared networks are visible; only the
 * network's owner project (or an administrator) adds or deletes them (403 on a shared network of another project).
 */
@Path("/v1/subnets")
@Produces(MediaType.APPLICATION_JSON)
public class SubnetResource {
    /** Body of {@code POST /v1/subnets}. */
    public record CreateSubnetRequest(UUID networkId, @Size(max = 255) @OneLine String name,
            @Size(max = 43) @OneLine String cidr, Integer ipVersion, @Size(max = 45) @OneLine String gatewayIp,
            @Size(max = 64) List<@Valid AllocationPool> allocationPools,
            @Size(max = 16) List<@Size(max = 45) @OneLine String> dnsNameservers, Boolean enableDhcp) {
    }

    private final SubnetService subnets;
    private final Caller caller;
    private final NetworkLists lists;

    public SubnetResource(SubnetService subnets, Caller caller, NetworkLists lists) {
        this.lists = lists;
        this.subnets = subnets;
        this.caller = caller;
    }

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Valid CreateSubnetRequest r, @Context UriInfo uri) {
        caller.requireWrite();
        Ids.requireBody(r);
        if (r.ipVersion() != null && r.ipVersion() != 4) {
            throw dev.stratus.platform.problem.ApiException.badRequest("ip_version", "only ip_version 4 is supported so far");
        }
        SubnetView subnet = SubnetView.of(subnets.create(Tenant.of(caller), new SubnetService.SubnetRequest(
                r.networkId(), r.name(), r.cidr(), r.gatewayIp(), r.allocationPools(), r.dnsNameservers(),
                r.enableDhcp())));
        return Response.created(uri.getAbsolutePathBuilder().path(subnet.id().toString()).build())
                .entity(subnet).build();
    }

    @GET
    @Operation(summary = "Subnets of the project's networks and of shared networks",
            description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.subnets(Tenant.of(caller), uri.getQueryParameters()).body("subnets", SubnetView::of);
    }

    @GET
    @Path("/{id}")
    public SubnetView get(@PathParam("id") String id) {
        return SubnetView.of(subnets.get(Tenant.of(caller), Ids.parse("subnet", id)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        subnets.delete(Tenant.of(caller), Ids.parse("subnet", id));
        return Response.noContent().build();
    }
}
