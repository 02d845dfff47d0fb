package dev.stratus.network.service;

import dev.stratus.network.model.FloatingIp;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.Router;
import dev.stratus.network.model.Subnet;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Routers of the tenant's project: create, find, change (name, admin state, external gateway) and delete. The
 * gateway is a port {@value Port#ROUTER_GATEWAY_OWNER} on the external network's first IPv4 subnet (its address from
 * IPAM); interfaces are {@link RouterInterfaces}'. Every change is announced to the agents ({@link RouterEvents})
 * after its transaction commits.
 */
@ApplicationScoped
public class RouterService {
    /** The gateway a create or update asks for: {@code network_id} null clears it. */
    public record GatewayRequest(UUID networkId) {
    }

    private final EntityManager em;
    private final NetworkService networks;
    private final PortService ports;
    private final FloatingIpAssociations floatingIps;
    private final RouterEvents events;

    public RouterService(EntityManager em, NetworkService networks, PortService ports,
            FloatingIpAssociations floatingIps, RouterEvents events) {
        this.em = em;
        this.networks = networks;
        this.ports = ports;
        this.floatingIps = floatingIps;
        this.events = events;
    }

    @Transactional
    public Router create(Tenant tenant, String name, Boolean adminStateUp, GatewayRequest gateway) {
        Router router = new Router();
        router.id = UUID.randomUUID();
        router.projectId = tenant.projectId();
        router.name = name == null ? "" : name;
        router.adminStateUp = adminStateUp == null || adminStateUp;
        router.createdAt = Instant.now();
        em.persist(router);
        if (gateway != null && gateway.networkId() != null) {
            setGateway(tenant, router, gateway.networkId());
        }
        events.changed(router.projectId, router.id);
        return router;
    }

    /** The project's router; another project's is a 404. */
    @Transactional
    public Router get(Tenant tenant, UUID id) {
        Router router = em.find(Router.class, id);
        if (router == null || !tenant.owns(router.projectId)) {
            throw ApiException.notFound("router", id.toString());
        }
        return router;
    }

    /** Changes the fields given (null: unchanged); a gateway request with no network clears the gateway. */
    @Transactional
    public Router update(Tenant tenant, UUID id, String name, Boolean adminStateUp, GatewayRequest gateway) {
        Router router = get(tenant, id);
        if (name != null) {
            router.name = name;
        }
        if (adminStateUp != null) {
            router.adminStateUp = adminStateUp;
        }
        if (gateway != null) {
            if (gateway.networkId() == null) {
                clearGateway(router);
            } else if (!gateway.networkId().equals(router.externalNetworkId)) {
                clearGateway(router);
                setGateway(tenant, router, gateway.networkId());
            }
        }
        events.changed(router.projectId, router.id);
        return router;
    }

    /** Deletes the router and its gateway port; 409 while it has interfaces (remove them first, as in Neutron). */
    @Transactional
    public void delete(Tenant tenant, UUID id) {
        Router router = get(tenant, id);
        List<String> subnets = em.createQuery("select i.subnetId from Port p join p.fixedIps i where p.deviceId = ?1"
                + " and p.deviceOwner = ?2", UUID.class).setParameter(1, id.toString())
                .setParameter(2, Port.ROUTER_INTERFACE_OWNER).getResultList().stream().map(UUID::toString).toList();
        if (!subnets.isEmpty()) {
            throw ApiException.conflict("router " + id + " still has interfaces on subnet(s) " + String.join(", ",
                    subnets) + "; remove them first (POST /v1/routers/" + id + "/actions/remove-interface)");
        }
        clearGateway(router);
        em.remove(router);
        events.changed(router.projectId, router.id);
    }

    /** The router's gateway port, or null. */
    public Port gatewayPort(Router router) {
        return router.gatewayPortId == null ? null : em.find(Port.class, router.gatewayPortId);
    }

    private void setGateway(Tenant tenant, Router router, UUID networkId) {
        String field = "external_gateway_info.network_id";
        Network network = networks.referenced(tenant, networkId, field);
        if (!network.routerExternal) {
            throw ApiException.badRequest(field, "network " + networkId + " is not external (router:external):"
                    + " a router's gateway is on an external network; tenant subnets join it by add-interface");
        }
        Subnet subnet = ports.subnetsOf(network.id).stream().findFirst().orElseThrow(() -> ApiException.badRequest(
                field, "external network " + networkId + " has no IPv4 subnet to take a gateway address from"));
        Port port = ports.networkPort(null, network, Port.ROUTER_GATEWAY_OWNER, router.id.toString(), subnet, null);
        em.persist(port);
        router.externalNetworkId = network.id;
        router.gatewayPortId = port.id;
    }

    private void clearGateway(Router router) {
        if (router.gatewayPortId == null) {
            return;
        }
        List<FloatingIp> carried = floatingIps.throughRouter(router.id);
        if (!carried.isEmpty()) {
            throw ApiException.conflict("router " + router.id + "'s gateway carries floating IP(s) " + String.join(", ",
                    carried.stream().map(f -> f.floatingIpAddress).toList()) + "; disassociate them first"
                    + " (PUT /v1/floating-ips/{id} with port_id null)");
        }
        Port port = em.find(Port.class, router.gatewayPortId);
        router.externalNetworkId = null;
        router.gatewayPortId = null;
        em.flush();
        if (port != null) {
            em.remove(port);
        }
    }
}
