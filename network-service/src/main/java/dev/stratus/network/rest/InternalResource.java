package dev.stratus.network.rest;

import dev.stratus.contracts.L3State;
import dev.stratus.contracts.PortBinding;
import dev.stratus.network.model.PortStatus;
import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.network.service.L3Wiring;
import dev.stratus.network.service.PortService;
import dev.stratus.network.service.PortWiring;
import dev.stratus.platform.auth.Roles;
import dev.stratus.platform.problem.ApiException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Routes for Stratus' own components only (role {@code service}; every other token gets 403): what an agent needs to
 * plug any project's port and the status it reports, the L3 state, releasing a device's ports, and a project's usage.
 */
@Path("/internal")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalResource {
    /** Body of {@code PUT /internal/v1/ports/{id}/status}. */
    public record PortStatusRequest(PortStatus status) {
    }

    private final PortService ports;
    private final PortWiring wiring;
    private final ProjectUsage usage;
    private final L3Wiring l3;

    public InternalResource(PortService ports, PortWiring wiring, ProjectUsage usage, L3Wiring l3) {
        this.ports = ports;
        this.wiring = wiring;
        this.usage = usage;
        this.l3 = l3;
    }

    /** What the agents serving routers build: external networks, routers, their interfaces and floating IPs. */
    @GET
    @Path("/v1/l3")
    @Operation(operationId = "getL3State", summary = "The routing state",
            description = "Routers, their interfaces, gateways and floating IPs, for the agents' L3 reconcile. "
            + "Service tokens only.")
    public L3State l3() {
        return l3.state();
    }

    /** What a compute agent needs to plug the port: MAC, address, subnet, gateway, DHCP server, MTU. */
    @GET
    @Path("/v1/ports/{id}/binding")
    @Operation(operationId = "getPortBinding", summary = "A port's binding",
            description = "The MAC, addresses and network of a port, for the agent that plugs it. Service tokens "
            + "only.")
    public PortBinding binding(@PathParam("id") String id) {
        return wiring.binding(Ids.parse("port", id));
    }

    /** The port's security group rules with remote groups resolved to addresses, for the agent's firewall. */
    @GET
    @Path("/v1/ports/{id}/firewall")
    @Operation(operationId = "getPortFirewall", summary = "A port's firewall",
            description = "The security group rules to apply on a port's tap. Service tokens only.")
    public PortWiring.PortFirewall firewall(@PathParam("id") String id) {
        return wiring.firewall(Ids.parse("port", id));
    }

    /** An agent reports the port plugged ({@code ACTIVE}) or not ({@code DOWN}). */
    @PUT
    @Path("/v1/ports/{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setPortStatus", summary = "Report a port's status",
            description = "ACTIVE once plugged, DOWN once unplugged; reported by agents. Service tokens only.")
    public Map<String, Object> status(@PathParam("id") String id, PortStatusRequest body) {
        var portId = Ids.parse("port", id);
        if (body == null || body.status() == null) {
            throw ApiException.badRequest("status", "status is required (DOWN, ACTIVE, BUILD, ERROR)");
        }
        return Map.of("id", portId, "status", ports.setStatus(portId, body.status()).status);
    }

    /** The device (instance) is gone or never came to be: its compute-owned ports are deleted, others unbound. */
    @DELETE
    @Path("/v1/devices/{device_id}/ports")
    @Operation(operationId = "releaseDevicePorts", summary = "Release a device's ports",
            description = "Deletes the ports a deleted server was given and unbinds the ones the user attached. "
            + "Service tokens only.")
    public Response release(@PathParam("device_id") String deviceId) {
        ports.releaseDevice(deviceId);
        return Response.noContent().build();
    }

    /** {@code {"networks": n, "ports": m, "floating_ips": f}} the project holds (network-service's own ports not counted). */
    @GET
    @Path("/usage")
    @Operation(operationId = "getNetworkUsage", summary = "A project's network usage",
            description = "networks, ports and floating_ips in use, for api-service's quota view. Service tokens "
            + "only.")
    public Map<String, Long> usage(@QueryParam("project") String project) {
        if (project == null || project.isBlank()) {
            throw ApiException.badRequest("project", "project is required: /internal/usage?project=<id>");
        }
        return usage.usage(project);
    }
}
