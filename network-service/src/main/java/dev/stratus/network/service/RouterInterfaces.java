package dev.stratus.network.service;

import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.Ipv4;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.Router;
import dev.stratus.network.model.Subnet;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * A router's interfaces: ports {@value Port#ROUTER_INTERFACE_OWNER} (device_id the router) on tenant subnets. By
 * {@code subnet_id} the router takes the subnet's gateway address on a new port; by {@code port_id} it takes an
 * unbound port of the project with one address. Removing an interface deletes its port (as Neutron does).
 */
@ApplicationScoped
public class RouterInterfaces {
    /** What add-interface and remove-interface answer (Neutron's shape). */
    public record RouterInterface(UUID id, UUID subnetId, List<UUID> subnetIds, UUID portId, UUID networkId,
            String projectId) {
    }

    private final EntityManager em;
    private final RouterService routers;
    private final SubnetService subnets;
    private final NetworkService networks;
    private final PortService ports;
    private final SecurityGroupEvents groupEvents;
    private final RouterEvents events;

    public RouterInterfaces(EntityManager em, RouterService routers, SubnetService subnets, NetworkService networks,
            PortService ports, SecurityGroupEvents groupEvents, RouterEvents events) {
        this.em = em;
        this.routers = routers;
        this.subnets = subnets;
        this.networks = networks;
        this.ports = ports;
        this.groupEvents = groupEvents;
        this.events = events;
    }

    /** Joins the router to a subnet: exactly one of {@code subnetId} and {@code portId}. */
    @Transactional
    public RouterInterface add(Tenant tenant, UUID routerId, UUID subnetId, UUID portId) {
        Router router = routers.get(tenant, routerId);
        requireOne(subnetId, portId);
        Port port;
        Subnet subnet;
        if (subnetId != null) {
            subnet = subnets.get(tenant, subnetId);
            Network network = joinable(tenant, router, subnet, "subnet_id");
            if (subnet.gatewayIp == null) {
                throw ApiException.badRequest("subnet_id", "subnet " + subnetId + " has no gateway_ip for the router"
                        + " to take; add the interface by port_id instead");
            }
            port = ports.networkPort(router.projectId, network, Port.ROUTER_INTERFACE_OWNER, router.id.toString(),
                    subnet, subnet.gatewayIp);
            em.persist(port);
        } else {
            port = ports.get(tenant, portId);
            if (port.networkOwned() || !port.deviceId.isEmpty()) {
                throw ApiException.conflict("port " + portId + " is in use (device_owner '" + port.deviceOwner
                        + "', device_id '" + port.deviceId + "'); a router takes an unbound port");
            }
            if (port.fixedIps.size() != 1) {
                throw ApiException.badRequest("port_id", "port " + portId + " has " + port.fixedIps.size()
                        + " addresses; a router interface port has exactly one");
            }
            subnet = em.find(Subnet.class, port.fixedIps.get(0).subnetId);
            joinable(tenant, router, subnet, "port_id");
            groupEvents.changed(port.securityGroupIds, port.projectId); // no longer a member of its groups
            port.securityGroupIds.clear();
            port.deviceOwner = Port.ROUTER_INTERFACE_OWNER;
            port.deviceId = router.id.toString();
        }
        events.changed(router.projectId, router.id);
        return new RouterInterface(router.id, subnet.id, List.of(subnet.id), port.id, subnet.networkId,
                router.projectId);
    }

    /** Removes the router's interface on {@code subnetId} or its interface port {@code portId}; 404 when none. */
    @Transactional
    public RouterInterface remove(Tenant tenant, UUID routerId, UUID subnetId, UUID portId) {
        Router router = routers.get(tenant, routerId);
        requireOne(subnetId, portId);
        Port port = interfaces(router.id).stream()
                .filter(p -> portId != null ? p.id.equals(portId) : p.fixedIps.stream()
                        .anyMatch(ip -> ip.subnetId.equals(subnetId)))
                .findFirst().orElseThrow(() -> new ApiException(404, "Not Found", "router " + router.id
                        + " has no interface " + (portId != null ? "port " + portId : "on subnet " + subnetId),
                        portId != null ? "port_id" : "subnet_id"));
        UUID subnet = port.fixedIps.get(0).subnetId;
        List<String> carried = em.createQuery("select f.floatingIpAddress from FloatingIp f, Port p join p.fixedIps i"
                        + " where f.routerId = ?1 and p.id = f.portId and i.subnetId = ?2", String.class)
                .setParameter(1, router.id).setParameter(2, subnet).getResultList();
        if (!carried.isEmpty()) {
            throw ApiException.conflict("the interface on subnet " + subnet + " carries floating IP(s) "
                    + String.join(", ", carried) + " to ports behind it; disassociate them first");
        }
        em.remove(port);
        events.changed(router.projectId, router.id);
        return new RouterInterface(router.id, subnet, List.of(subnet), port.id, port.networkId, router.projectId);
    }

    /** The router's interface ports, oldest first. */
    public List<Port> interfaces(UUID routerId) {
        return em.createQuery("from Port where deviceId = ?1 and deviceOwner = ?2 order by createdAt, id", Port.class)
                .setParameter(1, routerId.toString()).setParameter(2, Port.ROUTER_INTERFACE_OWNER).getResultList();
    }

    /** The subnet's network, when the router may join it: a tenant IPv4 subnet the router is not on yet. */
    private Network joinable(Tenant tenant, Router router, Subnet subnet, String field) {
        Network network = networks.requireMayChange(tenant, em.find(Network.class, subnet.networkId));
        if (network.routerExternal) {
            throw ApiException.badRequest(field, "subnet " + subnet.id + " is on external network " + network.id
                    + "; a router reaches it through external_gateway_info");
        }
        if (subnet.ipVersion != 4) {
            throw ApiException.badRequest(field, "subnet " + subnet.id + " is not IPv4; routers route IPv4 subnets");
        }
        Cidr cidr = Cidr.parse(subnet.cidr).orElseThrow();
        for (Port existing : interfaces(router.id)) {
            for (FixedIp ip : existing.fixedIps) {
                Subnet other = em.find(Subnet.class, ip.subnetId);
                if (other.id.equals(subnet.id)) {
                    throw ApiException.conflict("router " + router.id + " already has an interface on subnet "
                            + subnet.id);
                }
                if (overlap(cidr, Cidr.parse(other.cidr).orElseThrow())) {
                    throw ApiException.badRequest(field, "subnet " + subnet.id + " (" + subnet.cidr + ") overlaps"
                            + " subnet " + other.id + " (" + other.cidr + ") the router already joins");
                }
            }
        }
        return network;
    }

    private static boolean overlap(Cidr a, Cidr b) {
        return Ipv4.first(a) <= Ipv4.last(b) && Ipv4.first(b) <= Ipv4.last(a);
    }

    private static void requireOne(UUID subnetId, UUID portId) {
        if ((subnetId == null) == (portId == null)) {
            throw ApiException.badRequest(subnetId == null ? "subnet_id" : "port_id", "give exactly one of subnet_id"
                    + " and port_id");
        }
    }
}
