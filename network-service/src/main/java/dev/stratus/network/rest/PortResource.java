package dev.stratus.network.rest;

import dev.stratus.network.model.FixedIp;
import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.network.quota.QuotaLimits;
import dev.stratus.network.service.NetworkLists;
import dev.stratus.network.service.PortService;
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
import jakarta.ws.rs.PUT;
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
 * Ports: {@code /v1/ports}, the token's project's only (another project's port is a 404). Agents read bindings and
 * firewalls and report status through {@link InternalResource}.
 */
@Path("/v1/ports")
@Produces(MediaType.APPLICATION_JSON)
public class PortResource {
    /** Body of {@code POST /v1/ports}. */
    public record CreatePortRequest(UUID networkId, @Size(max = 255) @OneLine String name,
            @Size(max = 17) @OneLine String macAddress,
            @Size(max = 64) List<PortView.@Valid FixedIpView> fixedIps,
            @Size(max = 255) @OneLine String deviceId, @Size(max = 255) @OneLine String deviceOwner,
            @Size(max = 64) List<UUID> securityGroups, Boolean adminStateUp) {
    }

    /** Body of {@code PUT /v1/ports/{id}}: absent fields stay as they are. */
    public record UpdatePortRequest(@Size(max = 255) @OneLine String name,
            @Size(max = 255) @OneLine String deviceId, @Size(max = 255) @OneLine String deviceOwner,
            @Size(max = 64) List<UUID> securityGroups) {
    }

    private final PortService ports;
    private final QuotaLimits quotas;
    private final Caller caller;
    private final NetworkLists lists;

    public PortResource(PortService ports, QuotaLimits quotas, Caller caller, NetworkLists lists) {
        this.lists = lists;
        this.ports = ports;
        this.quotas = quotas;
        this.caller = caller;
    }

    @Idempotent

    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createPort",
            summary = "Create a port in the token's project", description = "On a network of the project or a "
            + "shared one; `mac_address` and `fixed_ips` only on the project's own networks (403 naming the field "
            + "on another project's shared network). Counts against the project's `ports` quota (409 problem whose "
            + "`field` is `ports`). `device_owner` `network:*` is reserved (400).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PortView.class)),
            headers = @Header(name = "Location", description = "The new port: /v1/ports/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@Valid CreatePortRequest r, @Context UriInfo uri) {
        caller.requireWrite();
        Ids.requireBody(r);
        Tenant tenant = Tenant.of(caller);
        List<FixedIp> ips = r.fixedIps() == null ? null
                : r.fixedIps().stream().map(i -> new FixedIp(i.subnetId(), i.ipAddress())).toList();
        long limit = quotas.limit(tenant.projectId(), ProjectUsage.PORTS);
        PortView port = PortView.of(ports.create(tenant, new PortService.PortRequest(r.networkId(), r.name(),
                r.macAddress(), ips, r.deviceId(), r.deviceOwner(), r.securityGroups(), r.adminStateUp()), limit));
        return Response.created(uri.getAbsolutePathBuilder().path(port.id().toString()).build()).entity(port).build();
    }

    @GET
    @Operation(operationId = "listPorts", summary = "The project's ports", description = PagedLists.DESCRIPTION)
    public Map<String, Object> list(@Context UriInfo uri) {
        return lists.ports(Tenant.of(caller), uri.getQueryParameters()).body("ports", PortView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getPort", summary = "Show a port",
            description = "A port of the project.")
    public PortView get(@PathParam("id") String id) {
        return PortView.of(ports.get(Tenant.of(caller), Ids.parse("port", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updatePort",
            summary = "Change a port", description = "name, device_id, device_owner, security_groups; absent "
            + "fields stay. status is reported by agents only (internal route).")
    public PortView update(@PathParam("id") String id, @Valid UpdatePortRequest r) {
        caller.requireWrite();
        Tenant tenant = Tenant.of(caller);
        UUID portId = ports.get(tenant, Ids.parse("port", id)).id;
        Ids.requireBody(r);
        return PortView.of(ports.update(tenant, portId, r.name(), r.deviceId(), r.deviceOwner(), r.securityGroups()));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deletePort", summary = "Delete a port",
            description = "Releases its addresses; 409 while a server or a router uses it.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        caller.requireWrite();
        ports.delete(Tenant.of(caller), Ids.parse("port", id));
        return Response.noContent().build();
    }
}
