package dev.stratus.network.rest;

import dev.stratus.contracts.PortBinding;
import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.PortStatus;
import dev.stratus.network.service.PortService;
import dev.stratus.network.service.PortWiring;
import dev.stratus.network.service.ProjectScope;
import dev.stratus.platform.idempotency.Idempotent;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Ports: {@code /v1/ports}, plus what agents read to plug one in ({@code binding}, {@code firewall}). */
@Path("/v1/ports")
@Produces(MediaType.APPLICATION_JSON)
public class PortResource {
    /** Body of {@code POST /v1/ports}. */
    public record CreatePortRequest(UUID networkId, String name, String macAddress, List<PortView.FixedIpView> fixedIps,
            String deviceId, String deviceOwner, List<UUID> securityGroups, Boolean adminStateUp) {
    }

    /** Body of {@code PUT /v1/ports/{id}}: absent fields stay as they are; {@code status} is set by agents. */
    public record UpdatePortRequest(String name, String deviceId, String deviceOwner, List<UUID> securityGroups,
            PortStatus status) {
    }

    private final PortService ports;
    private final PortWiring wiring;
    private final ProjectScope project;

    public PortResource(PortService ports, PortWiring wiring, ProjectScope project) {
        this.ports = ports;
        this.wiring = wiring;
        this.project = project;
    }

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(CreatePortRequest r, @Context UriInfo uri) {
        Ids.requireBody(r);
        List<FixedIp> ips = r.fixedIps() == null ? null
                : r.fixedIps().stream().map(i -> new FixedIp(i.subnetId(), i.ipAddress())).toList();
        PortView port = PortView.of(ports.create(project.current(), new PortService.PortRequest(r.networkId(),
                r.name(), r.macAddress(), ips, r.deviceId(), r.deviceOwner(), r.securityGroups(), r.adminStateUp())));
        return Response.created(uri.getAbsolutePathBuilder().path(port.id().toString()).build()).entity(port).build();
    }

    @GET
    public Map<String, List<PortView>> list(@QueryParam("network_id") String networkId,
            @QueryParam("device_id") String deviceId) {
        return Map.of("ports", ports.list(project.current(), Ids.filter("network_id", networkId), deviceId).stream()
                .map(PortView::of).toList());
    }

    @GET
    @Path("/{id}")
    public PortView get(@PathParam("id") String id) {
        return PortView.of(ports.get(project.current(), Ids.parse("port", id)));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PortView update(@PathParam("id") String id, UpdatePortRequest r) {
        Ids.requireBody(r);
        return PortView.of(ports.update(project.current(), Ids.parse("port", id), r.name(), r.deviceId(),
                r.deviceOwner(), r.securityGroups(), r.status()));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        ports.delete(project.current(), Ids.parse("port", id));
        return Response.noContent().build();
    }

    /** What a compute agent needs to plug the port: MAC, address, subnet, gateway, DHCP server, MTU. */
    @GET
    @Path("/{id}/binding")
    public PortBinding binding(@PathParam("id") String id) {
        return wiring.binding(project.current(), Ids.parse("port", id));
    }

    /** The port's security group rules with remote groups resolved to addresses, for the agent's firewall. */
    @GET
    @Path("/{id}/firewall")
    public PortWiring.PortFirewall firewall(@PathParam("id") String id) {
        return wiring.firewall(project.current(), Ids.parse("port", id));
    }
}
