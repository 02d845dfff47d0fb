package dev.stratus.network.service;

import dev.stratus.network.model.AllocationPool;
import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.Ipv4;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.Subnet;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** IPv4 subnets: validated ranges, a gateway, allocation pools; a DHCP port is reserved when DHCP is on. */
@ApplicationScoped
public class SubnetService {
    /** What a subnet create asks for; null fields take defaults. */
    public record SubnetRequest(UUID networkId, String name, String cidr, String gatewayIp,
            List<AllocationPool> allocationPools, List<String> dnsNameservers, Boolean enableDhcp) {
    }

    private final EntityManager em;
    private final NetworkService networks;
    private final PortService ports;

    public SubnetService(EntityManager em, NetworkService networks, PortService ports) {
        this.em = em;
        this.networks = networks;
        this.ports = ports;
    }

    @Transactional
    public Subnet create(Tenant tenant, SubnetRequest request) {
        if (request.networkId() == null) {
            throw ApiException.badRequest("network_id", "network_id is required");
        }
        Network network = networks.requireMayChange(tenant, networks.referenced(tenant, request.networkId(),
                "network_id"));
        Cidr cidr = Cidr.parse(request.cidr()).orElseThrow(() -> ApiException.badRequest("cidr",
                "cidr must be an IPv4 network in CIDR notation without host bits, e.g. 10.0.0.0/24"));
        if (cidr.network().getAddress().length != 4) {
            throw ApiException.badRequest("cidr", "only IPv4 subnets are supported so far");
        }
        if (cidr.prefix() > 29) {
            throw ApiException.badRequest("cidr", "an IPv4 subnet needs a prefix of /29 or shorter");
        }
        long first = Ipv4.first(cidr);
        long last = Ipv4.last(cidr);
        long gateway = request.gatewayIp() == null ? first + 1 : address("gateway_ip", request.gatewayIp());
        if (gateway <= first || gateway >= last) {
            throw ApiException.badRequest("gateway_ip", "gateway_ip must be a host address inside " + cidr);
        }
        List<AllocationPool> pools = request.allocationPools() == null || request.allocationPools().isEmpty()
                ? defaultPools(first, last, gateway) : checkedPools(request.allocationPools(), first, last, gateway);
        List<String> dns = request.dnsNameservers() == null ? List.of() : request.dnsNameservers();
        dns.forEach(ns -> address("dns_nameservers", ns));
        for (Subnet other : ofNetwork(network.id)) {
            Cidr o = Cidr.parse(other.cidr).orElseThrow();
            if (Ipv4.contains(o, first) || Ipv4.contains(cidr, Ipv4.first(o))) {
                throw ApiException.conflict(cidr + " overlaps subnet " + other.id + " (" + other.cidr + ") of the network");
            }
        }
        Subnet subnet = new Subnet();
        subnet.id = UUID.randomUUID();
        subnet.projectId = network.projectId; // the network's owner, also when an administrator adds it
        subnet.networkId = network.id;
        subnet.name = request.name() == null ? "" : request.name();
        subnet.ipVersion = 4;
        subnet.cidr = cidr.toString();
        subnet.gatewayIp = Ipv4.toText(gateway);
        subnet.allocationPools = pools.stream().map(AllocationPool::toString).collect(Collectors.joining(";"));
        subnet.dnsNameservers = String.join(",", dns);
        subnet.enableDhcp = request.enableDhcp() == null || request.enableDhcp();
        subnet.createdAt = Instant.now();
        em.persist(subnet);
        em.flush();
        if (subnet.enableDhcp) {
            ports.createDhcpPort(network, subnet);
        }
        return subnet;
    }

    @Transactional
    public Subnet get(Tenant tenant, UUID id) {
        Subnet subnet = em.find(Subnet.class, id);
        if (subnet == null) {
            throw ApiException.notFound("subnet", id.toString());
        }
        try {
            networks.get(tenant, subnet.networkId);
        } catch (ApiException e) {
            throw ApiException.notFound("subnet", id.toString()); // another project's: as if it did not exist
        }
        return subnet;
    }

    public List<Subnet> ofNetwork(UUID networkId) {
        return em.createQuery("from Subnet where networkId = ?1 order by createdAt, id", Subnet.class)
                .setParameter(1, networkId).getResultList();
    }

    @Transactional
    public void delete(Tenant tenant, UUID id) {
        Subnet subnet = get(tenant, id);
        networks.requireMayChange(tenant, em.find(Network.class, subnet.networkId));
        List<String> routers = em.createQuery("select p.deviceId from Port p join p.fixedIps i where i.subnetId = ?1"
                + " and p.deviceOwner in (?2, ?3) order by p.createdAt", String.class).setParameter(1, id)
                .setParameter(2, Port.ROUTER_INTERFACE_OWNER).setParameter(3, Port.ROUTER_GATEWAY_OWNER)
                .getResultList();
        if (!routers.isEmpty()) {
            throw ApiException.conflict("subnet " + id + " is used by router(s) " + String.join(", ", routers)
                    + "; remove the router interface (POST /v1/routers/{id}/actions/remove-interface) or clear the"
                    + " router's external_gateway_info first");
        }
        ports.deleteDhcpPorts(subnet.networkId, subnet.id);
        long used = ((Number) em.createNativeQuery("SELECT count(*) FROM network.port_ips WHERE subnet_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        if (used > 0) {
            throw ApiException.conflict("subnet " + id + " still has " + used + " port address(es); delete the ports first");
        }
        em.remove(subnet);
    }

    private static long address(String field, String text) {
        if (!Ipv4.isAddress(text)) {
            throw ApiException.badRequest(field, "'" + text + "' is not an IPv4 address");
        }
        return Ipv4.toLong(text);
    }

    private static List<AllocationPool> defaultPools(long first, long last, long gateway) {
        List<AllocationPool> pools = new ArrayList<>();
        if (gateway > first + 1) {
            pools.add(new AllocationPool(Ipv4.toText(first + 1), Ipv4.toText(gateway - 1)));
        }
        if (gateway < last - 1) {
            pools.add(new AllocationPool(Ipv4.toText(gateway + 1), Ipv4.toText(last - 1)));
        }
        return pools;
    }

    private static List<AllocationPool> checkedPools(List<AllocationPool> pools, long first, long last, long gateway) {
        List<AllocationPool> sorted = new ArrayList<>();
        for (AllocationPool pool : pools) {
            long start = address("allocation_pools", pool.start());
            long end = address("allocation_pools", pool.end());
            if (start <= first || end >= last || start > end) {
                throw ApiException.badRequest("allocation_pools", "pool " + pool + " must lie inside the subnet's"
                        + " host addresses, start <= end");
            }
            if (gateway >= start && gateway <= end) {
                throw ApiException.badRequest("allocation_pools", "pool " + pool + " contains the gateway");
            }
            sorted.add(pool);
        }
        sorted.sort(Comparator.comparingLong(AllocationPool::first));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first() <= sorted.get(i - 1).last()) {
                throw ApiException.badRequest("allocation_pools", "pools " + sorted.get(i - 1) + " and "
                        + sorted.get(i) + " overlap");
            }
        }
        return sorted;
    }
}
