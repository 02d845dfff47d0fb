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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

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

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubnet", summary = "Create a subnet",
            description = "An IPv4 or IPv6 range on a network of the project: cidr, optional gateway_ip, "
            + "allocation_pools, dns_nameservers, enable_dhcp (DHCP runs in the network's namespace).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubnetView.class)),
            headers = @Header(name = "Location", description = "The new subnet: /v1/subnets/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
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
    @Operation(operationId = "listSubnets", summary = "Subnets of the project's networks and of shared networks",
            description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.subnets(Tenant.of(caller), uri.getQueryParameters()).body("subnets", SubnetView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubnet", summary = "Show a subnet",
            description = "A subnet of a network the caller sees.")
    public SubnetView get(@PathParam("id") String id) {
        return SubnetView.of(subnets.get(Tenant.of(caller), Ids.parse("subnet", id)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSubnet", summary = "Delete a subnet",
            description = "409 while ports have addresses on it or a router has an interface on it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        subnets.delete(Tenant.of(caller), Ids.parse("subnet", id));
        return Response.noContent().build();
    }
}
