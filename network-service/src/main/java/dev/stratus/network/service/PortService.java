package dev.stratus.network.service;

import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.Ipv4;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.PortStatus;
import dev.stratus.network.model.Subnet;
import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ports and IPAM. An address is chosen while the subnet's row is locked ({@code SELECT ... FOR UPDATE}), so
 * concurrent creates on one subnet take turns; the unique constraint (subnet, ip) backs that up.
 */
@ApplicationScoped
public class PortService {
    /** What a port create asks for; null fields take defaults. */
    public record PortRequest(UUID networkId, String name, String macAddress, List<FixedIp> fixedIps,
            String deviceId, String deviceOwner, List<UUID> securityGroups, Boolean adminStateUp) {
    }

    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final NetworkService networks;
    private final SecurityGroupService groups;
    private final SecurityGroupEvents events;
    private final ProjectUsage usage;
    private final FloatingIpAssociations floatingIps;

    public PortService(EntityManager em, NetworkService networks, SecurityGroupService groups,
            SecurityGroupEvents events, ProjectUsage usage, FloatingIpAssociations floatingIps) {
        this.em = em;
        this.networks = networks;
        this.groups = groups;
        this.events = events;
        this.usage = usage;
        this.floatingIps = floatingIps;
    }

    /**
     * A new port of the tenant's project on a network it owns or that is shared, within its {@code ports} quota
     * ({@code limit}, -1 = none). Only the network's owner (or an administrator) chooses the MAC or addresses.
     */
    @Transactional
    public Port create(Tenant tenant, PortRequest request, long limit) {
        if (request.networkId() == null) {
            throw ApiException.badRequest("network_id", "network_id is required");
        }
        Network network = networks.referenced(tenant, request.networkId(), "network_id");
        if (network.routerExternal) {
            throw ApiException.badRequest("network_id", "network " + network.id + " is external (router:external):"
                    + " servers reach it through a router (external_gateway_info) and floating IPs, not a port on it");
        }
        if (!tenant.mayChange(network.projectId)) {
            if (request.macAddress() != null) {
                throw notOwner("mac_address", network);
            }
            if (request.fixedIps() != null) {
                throw notOwner("fixed_ips", network);
            }
        }
        requireUserOwner(request.deviceOwner());
        String projectId = tenant.projectId();
        usage.reserve(projectId, ProjectUsage.PORTS, limit);
        Port port = newPort(projectId, network, request.macAddress());
        port.name = request.name() == null ? "" : request.name();
        port.deviceId = request.deviceId() == null ? "" : request.deviceId();
        port.deviceOwner = request.deviceOwner() == null ? "" : request.deviceOwner();
        port.adminStateUp = request.adminStateUp() == null || request.adminStateUp();
        port.securityGroupIds = checkedGroups(projectId, request.securityGroups());
        if (request.fixedIps() == null) {
            for (Subnet subnet : subnetsOf(network.id)) {
                port.fixedIps.add(allocate(subnet, null));
            }
        } else {
            for (FixedIp wanted : request.fixedIps()) {
                Subnet subnet = wanted.subnetId == null ? null : em.find(Subnet.class, wanted.subnetId);
                if (subnet == null || !subnet.networkId.equals(network.id)) {
                    throw ApiException.badRequest("fixed_ips", "subnet " + wanted.subnetId + " is not a subnet of"
                            + " network " + network.id);
                }
                port.fixedIps.add(allocate(subnet, wanted.ipAddress));
            }
        }
        em.persist(port);
        em.flush();
        events.changed(port.securityGroupIds, projectId);
        return port;
    }

    /** Reserves the DHCP server's address on a new subnet (a port owned by {@code network:dhcp}). */
    void createDhcpPort(Network network, Subnet subnet) {
        Port port = newPort(network.projectId, network, null);
        port.name = "dhcp";
        port.deviceId = "dhcp-" + network.id;
        port.deviceOwner = Port.DHCP_OWNER;
        port.adminStateUp = true;
        port.fixedIps.add(allocate(subnet, null));
        em.persist(port);
    }

    void deleteDhcpPorts(UUID networkId, UUID subnetId) {
        for (Port port : em.createQuery("from Port where networkId = ?1 and deviceOwner = ?2", Port.class)
                .setParameter(1, networkId).setParameter(2, Port.DHCP_OWNER).getResultList()) {
            port.fixedIps.removeIf(ip -> ip.subnetId.equals(subnetId));
            if (port.fixedIps.isEmpty()) {
                em.remove(port);
            }
        }
        em.flush();
    }

    /** The tenant's own port; another project's is a 404. */
    @Transactional
    public Port get(Tenant tenant, UUID id) {
        Port port = em.find(Port.class, id);
        if (port == null || !tenant.owns(port.projectId)) {
            throw ApiException.notFound("port", id.toString());
        }
        return port;
    }

    /** Any project's port, for Stratus services (agents plugging it in). */
    @Transactional
    public Port any(UUID id) {
        Port port = em.find(Port.class, id);
        if (port == null) {
            throw ApiException.notFound("port", id.toString());
        }
        return port;
    }

    /** Changes what a port update may change; null fields are left as they are. */
    @Transactional
    public Port update(Tenant tenant, UUID id, String name, String deviceId, String deviceOwner,
            List<UUID> securityGroups) {
        Port port = get(tenant, id);
        requireClientOwned(port, "it cannot be changed");
        requireUserOwner(deviceOwner);
        Set<UUID> affected = new HashSet<>(port.securityGroupIds);
        if (name != null) {
            port.name = name;
        }
        if (deviceId != null) {
            port.deviceId = deviceId;
        }
        if (deviceOwner != null) {
            port.deviceOwner = deviceOwner;
        }
        if (securityGroups != null) {
            port.securityGroupIds = checkedGroups(port.projectId, securityGroups);
            affected.addAll(port.securityGroupIds);
        }
        events.changed(affected, port.projectId);
        return port;
    }

    /** What an agent reports: the port is plugged (ACTIVE) or not (DOWN). */
    @Transactional
    public Port setStatus(UUID id, PortStatus status) {
        Port port = any(id);
        port.status = status;
        return port;
    }

    @Transactional
    public void delete(Tenant tenant, UUID id) {
        Port port = get(tenant, id);
        requireClientOwned(port, Port.DHCP_OWNER.equals(port.deviceOwner) ? "delete the subnet instead"
                : "remove the router's interface instead (POST /v1/routers/" + port.deviceId
                + "/actions/remove-interface)");
        floatingIps.portGone(port.id);
        em.remove(port);
        events.changed(port.securityGroupIds, port.projectId);
    }

    /**
     * The instance is gone ({@code InstanceDeleted}, or a create that failed before the instance was written): its
     * ports that the compute service created for it
     * ({@value Port#COMPUTE_OWNER}) are deleted, ports the user created and attached are kept and unbound. Idempotent.
     */
    @Transactional
    public int releaseDevice(String deviceId) {
        List<Port> bound = em.createQuery("from Port where deviceId = ?1", Port.class).setParameter(1, deviceId)
                .getResultList();
        for (Port port : bound) {
            if (Port.COMPUTE_OWNER.equals(port.deviceOwner)) {
                floatingIps.portGone(port.id);
                em.remove(port);
            } else {
                port.deviceId = "";
                port.deviceOwner = "";
                port.status = PortStatus.DOWN;
            }
            events.changed(port.securityGroupIds, port.projectId);
        }
        return bound.size();
    }

    /**
     * A port network-service holds for itself ({@code owner} {@code network:*}: a router's interface or gateway, a
     * floating IP's address), not counted in any quota; its address is {@code wanted} (which may be the subnet's
     * gateway address, what a router interface takes) or the lowest free one of {@code subnet}. Not persisted.
     */
    Port networkPort(String projectId, Network network, String owner, String deviceId, Subnet subnet, String wanted) {
        Port port = newPort(projectId, network, null);
        port.name = "";
        port.deviceId = deviceId;
        port.deviceOwner = owner;
        port.adminStateUp = true;
        port.status = PortStatus.ACTIVE;
        port.fixedIps.add(wanted != null && wanted.equals(subnet.gatewayIp) ? gatewayAddress(subnet)
                : allocate(subnet, wanted));
        return port;
    }

    List<Subnet> subnetsOf(UUID networkId) {
        return em.createQuery("from Subnet where networkId = ?1 and ipVersion = 4 order by createdAt, id",
                Subnet.class).setParameter(1, networkId).getResultList();
    }

    private Port newPort(String projectId, Network network, String mac) {
        Port port = new Port();
        port.id = UUID.randomUUID();
        port.projectId = projectId;
        port.networkId = network.id;
        port.status = PortStatus.DOWN;
        port.createdAt = Instant.now();
        if (mac != null && !MAC.matcher(mac).matches()) {
            throw ApiException.badRequest("mac_address", "mac_address must look like fa:16:3e:12:34:56 (lower case)");
        }
        port.macAddress = mac != null ? mac : randomMac();
        while (macTaken(network.id, port.macAddress)) {
            if (mac != null) {
                throw ApiException.conflict("mac_address " + mac + " is already used on network " + network.id);
            }
            port.macAddress = randomMac();
        }
        return port;
    }

    private boolean macTaken(UUID networkId, String mac) {
        return em.createQuery("select count(p) from Port p where p.networkId = ?1 and p.macAddress = ?2", Long.class)
                .setParameter(1, networkId).setParameter(2, mac).getSingleResult() > 0;
    }

    /** Chooses {@code wanted} or the lowest free address, with the subnet locked until commit. */
    private FixedIp allocate(Subnet subnet, String wanted) {
        em.find(Subnet.class, subnet.id, LockModeType.PESSIMISTIC_WRITE);
        Set<String> used = new HashSet<>(em.createNativeQuery("SELECT ip_address FROM network.port_ips WHERE subnet_id = ?1")
                .setParameter(1, subnet.id).getResultList());
        if (wanted != null) {
            if (!Ipv4.isAddress(wanted) || !Ipv4.contains(Cidr.parse(subnet.cidr).orElseThrow(), Ipv4.toLong(wanted))) {
                throw ApiException.badRequest("fixed_ips", wanted + " is not an address of subnet " + subnet.cidr);
            }
            if (used.contains(wanted) || wanted.equals(subnet.gatewayIp)) {
                throw ApiException.conflict("IP address " + wanted + " is already in use on subnet " + subnet.id);
            }
            return new FixedIp(subnet.id, wanted);
        }
        long ip = Ipam.firstFree(subnet.pools(), used).orElseThrow(() -> ApiException.conflict("subnet " + subnet.id
                + " (" + subnet.cidr + ") is full: no free IP address left in its allocation pools"));
        return new FixedIp(subnet.id, Ipv4.toText(ip));
    }

    /** The subnet's gateway address for a router interface: 409 when another port holds it already. */
    private FixedIp gatewayAddress(Subnet subnet) {
        em.find(Subnet.class, subnet.id, LockModeType.PESSIMISTIC_WRITE);
        long holders = ((Number) em.createNativeQuery("SELECT count(*) FROM network.port_ips WHERE subnet_id = ?1"
                + " AND ip_address = ?2").setParameter(1, subnet.id).setParameter(2, subnet.gatewayIp)
                .getSingleResult()).longValue();
        if (holders > 0) {
            throw ApiException.conflict("the gateway address " + subnet.gatewayIp + " of subnet " + subnet.id
                    + " is held by another port (a router's interface?): a subnet joins one router");
        }
        return new FixedIp(subnet.id, subnet.gatewayIp);
    }

    /** 409 for network-service's own ports (DHCP, routers, floating IPs): clients neither change nor delete them. */
    private static void requireClientOwned(Port port, String instead) {
        if (port.networkOwned()) {
            throw ApiException.conflict("port " + port.id + " belongs to network-service (device_owner "
                    + port.deviceOwner + "); " + instead);
        }
    }

    private Set<UUID> checkedGroups(String projectId, List<UUID> requested) {
        if (requested == null) {
            return new LinkedHashSet<>(List.of(groups.defaultGroup(projectId).id));
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (UUID id : requested) {
            if (id == null) {
                throw ApiException.badRequest("security_groups", "security_groups holds a null id");
            }
            try {
                ids.add(groups.get(projectId, id).id);
            } catch (ApiException e) {
                throw ApiException.badRequest("security_groups", "security group " + id + " does not exist");
            }
        }
        return ids;
    }

    private static ApiException notOwner(String field, Network network) {
        return new ApiException(403, "Forbidden", field + " can be chosen only on networks of your project; network "
                + network.id + " is shared by another project (leave " + field + " out to get one)", field);
    }

    /** {@code network:*} owners are network-service's own ports (DHCP): no client may claim one. */
    private static void requireUserOwner(String deviceOwner) {
        if (deviceOwner != null && deviceOwner.startsWith("network:")) {
            throw ApiException.badRequest("device_owner", "device_owner network:* is reserved for network-service's"
                    + " own ports");
        }
    }

    private static String randomMac() {
        return String.format("fa:16:3e:%02x:%02x:%02x", RANDOM.nextInt(256), RANDOM.nextInt(256), RANDOM.nextInt(256));
    }
}
