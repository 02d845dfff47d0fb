package dev.stratus.network.service;

import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.FloatingIp;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.Router;
import dev.stratus.network.model.Subnet;
import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Floating IPs of the tenant's project: an address of an external network (IPAM through a port
 * {@value Port#FLOATING_IP_OWNER}), within the {@code floating_ips} quota, associated with one of the project's
 * ports behind a router that joins the port's subnet to that external network, or with none.
 */
@ApplicationScoped
public class FloatingIpService {
    /** The association a create or update asks for: {@code portId} null disassociates. */
    public record Association(UUID portId, String fixedIpAddress) {
    }

    private final EntityManager em;
    private final NetworkService networks;
    private final PortService ports;
    private final FloatingIpAssociations associations;
    private final ProjectUsage usage;
    private final RouterEvents events;

    public FloatingIpService(EntityManager em, NetworkService networks, PortService ports,
            FloatingIpAssociations associations, ProjectUsage usage, RouterEvents events) {
        this.em = em;
        this.networks = networks;
        this.ports = ports;
        this.associations = associations;
        this.usage = usage;
        this.events = events;
    }

    /** A new floating IP of {@code networkId} (external), within the quota ({@code limit}, -1 = none). */
    @Transactional
    public FloatingIp create(Tenant tenant, UUID networkId, String description, Association association, long limit) {
        if (networkId == null) {
            throw ApiException.badRequest("floating_network_id", "floating_network_id is required: the external"
                    + " network (router:external) to take the address from");
        }
        Network network = networks.referenced(tenant, networkId, "floating_network_id");
        if (!network.routerExternal) {
            throw ApiException.badRequest("floating_network_id", "network " + networkId + " is not external"
                    + " (router:external); floating IPs come from an external network");
        }
        Subnet subnet = ports.subnetsOf(network.id).stream().findFirst().orElseThrow(() -> ApiException.badRequest(
                "floating_network_id", "external network " + networkId + " has no IPv4 subnet"));
        usage.reserve(tenant.projectId(), ProjectUsage.FLOATING_IPS, limit);
        FloatingIp floatingIp = new FloatingIp();
        floatingIp.id = UUID.randomUUID();
        Port holder = ports.networkPort(null, network, Port.FLOATING_IP_OWNER, floatingIp.id.toString(), subnet, null);
        em.persist(holder);
        floatingIp.projectId = tenant.projectId();
        floatingIp.floatingNetworkId = network.id;
        floatingIp.floatingPortId = holder.id;
        floatingIp.floatingIpAddress = holder.fixedIps.get(0).ipAddress;
        floatingIp.description = description == null ? "" : description;
        floatingIp.createdAt = Instant.now();
        if (association != null && association.portId() != null) {
            associate(tenant, floatingIp, association);
        }
        em.persist(floatingIp);
        return floatingIp;
    }

    /** The project's floating IP; another project's is a 404. */
    @Transactional
    public FloatingIp get(Tenant tenant, UUID id) {
        FloatingIp floatingIp = em.find(FloatingIp.class, id);
        if (floatingIp == null || !tenant.owns(floatingIp.projectId)) {
            throw ApiException.notFound("floating IP", id.toString());
        }
        return floatingIp;
    }

    /** Associates with a port, or disassociates ({@code association.portId()} null); description when given. */
    @Transactional
    public FloatingIp update(Tenant tenant, UUID id, String description, Association association) {
        FloatingIp floatingIp = get(tenant, id);
        if (description != null) {
            floatingIp.description = description;
        }
        if (association != null) {
            UUID before = floatingIp.routerId;
            if (association.portId() == null) {
                floatingIp.disassociate();
            } else {
                associate(tenant, floatingIp, association);
            }
            events.changed(floatingIp.projectId, before);
        }
        return floatingIp;
    }

    /** Releases the address (the project's quota with it). */
    @Transactional
    public void delete(Tenant tenant, UUID id) {
        FloatingIp floatingIp = get(tenant, id);
        events.changed(floatingIp.projectId, floatingIp.routerId);
        em.remove(floatingIp);
        em.flush();
        Port holder = em.find(Port.class, floatingIp.floatingPortId);
        if (holder != null) {
            em.remove(holder);
        }
    }

    private void associate(Tenant tenant, FloatingIp floatingIp, Association association) {
        Port port = ports.get(tenant, association.portId());
        if (port.networkOwned()) {
            throw ApiException.badRequest("port_id", "port " + port.id + " belongs to network-service (device_owner "
                    + port.deviceOwner + "); associate a floating IP with a server's or your own port");
        }
        FixedIp fixed = port.fixedIps.stream()
                .filter(ip -> association.fixedIpAddress() == null || ip.ipAddress.equals(association.fixedIpAddress()))
                .filter(ip -> !ip.ipAddress.contains(":")).findFirst()
                .orElseThrow(() -> ApiException.badRequest(association.fixedIpAddress() == null ? "port_id"
                        : "fixed_ip_address", "port " + port.id + " has no IPv4 address" + (association
                        .fixedIpAddress() == null ? "" : " " + association.fixedIpAddress())));
        Router router = associations.routerBetween(fixed.subnetId, floatingIp.floatingNetworkId);
        if (router == null) {
            Subnet subnet = em.find(Subnet.class, fixed.subnetId);
            throw ApiException.badRequest("port_id", "no router joins subnet " + subnet.id + " (" + subnet.cidr
                    + ") of port " + port.id + " to external network " + floatingIp.floatingNetworkId + ": add the"
                    + " subnet to a router (POST /v1/routers/{id}/actions/add-interface) whose external_gateway_info"
                    + " is that network");
        }
        FloatingIp holder = em.createQuery("from FloatingIp where portId = ?1", FloatingIp.class)
                .setParameter(1, port.id).getResultStream().findFirst().orElse(null);
        if (holder != null && !holder.id.equals(floatingIp.id)) {
            throw ApiException.conflict("port " + port.id + " already has floating IP " + holder.floatingIpAddress
                    + " (" + holder.id + "); disassociate it first");
        }
        floatingIp.portId = port.id;
        floatingIp.fixedIpAddress = fixed.ipAddress;
        floatingIp.routerId = router.id;
        events.changed(floatingIp.projectId, router.id);
    }
}
