package dev.stratus.network.service;

import dev.stratus.network.config.NetworkServiceConfig;
import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.NetworkStatus;
import dev.stratus.network.model.Port;
import dev.stratus.network.quota.ProjectUsage;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.UUID;

/**
 * Creates, finds, changes and deletes networks, scoped by the tenant's project. A shared network is visible to every
 * project (which may put ports on it) but changed only by its owner or an administrator; only administrators share.
 */
@ApplicationScoped
public class NetworkService {
    private final EntityManager em;
    private final NetworkServiceConfig config;
    private final ProjectUsage usage;

    public NetworkService(EntityManager em, NetworkServiceConfig config, ProjectUsage usage) {
        this.em = em;
        this.config = config;
        this.usage = usage;
        if (config.defaultMtu() < 68 || config.defaultMtu() > 65535) {
            throw new IllegalStateException("stratus.network.default-mtu must be 68..65535, not " + config.defaultMtu());
        }
    }

    /** A new network of the tenant's project, within its {@code networks} quota ({@code limit}, -1 = none). */
    @Transactional
    public Network create(Tenant tenant, String name, Cidr cidr, Integer mtu, Boolean adminStateUp, Boolean shared,
            Boolean routerExternal, long limit) {
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw ApiException.badRequest("mtu", "mtu must be 68..65535");
        }
        requireMayShare(tenant, shared);
        if (Boolean.TRUE.equals(routerExternal) && !tenant.admin()) {
            throw new ApiException(403, "Forbidden", "only a cloud administrator can create an external network"
                    + " (router:external)", "router:external");
        }
        usage.reserve(tenant.projectId(), ProjectUsage.NETWORKS, limit);
        Network network = new Network();
        network.id = UUID.randomUUID();
        network.projectId = tenant.projectId();
        network.name = name;
        network.cidr = cidr == null ? null : cidr.toString();
        network.mtu = mtu == null ? config.defaultMtu() : mtu;
        network.adminStateUp = adminStateUp == null || adminStateUp;
        network.shared = shared != null && shared;
        network.routerExternal = routerExternal != null && routerExternal;
        network.status = NetworkStatus.ACTIVE;
        network.createdAt = Instant.now();
        em.persist(network);
        return network;
    }

    /** The network if the project owns it or it is shared; else 404 (never confirming it exists). */
    @Transactional
    public Network get(Tenant tenant, UUID id) {
        Network network = em.find(Network.class, id);
        if (network == null || !visible(tenant, network)) {
            throw ApiException.notFound("network", id.toString());
        }
        return network;
    }

    /**
     * A network the tenant may see, named in a request body's {@code field}: 400 naming the field when it cannot
     * see it (as for a network that does not exist).
     */
    public Network referenced(Tenant tenant, UUID id, String field) {
        Network network = em.find(Network.class, id);
        if (network == null || !visible(tenant, network)) {
            throw ApiException.badRequest(field, "network " + id + " does not exist");
        }
        return network;
    }

    /** Its own networks, shared ones and external ones (whose addresses routers and floating IPs take). */
    static boolean visible(Tenant tenant, Network network) {
        return tenant.owns(network.projectId) || network.shared || network.routerExternal;
    }

    /** 403 unless the tenant may change the (visible) network: its owner project or an administrator. */
    public Network requireMayChange(Tenant tenant, Network network) {
        if (!tenant.mayChange(network.projectId)) {
            throw new ApiException(403, "Forbidden", "network " + network.id + " is shared by another project: it can"
                    + " take your ports, but only its owner changes it, its subnets or deletes it", null);
        }
        return network;
    }

    /** Changes name, admin state and (administrators only) sharing; null fields stay as they are. */
    @Transactional
    public Network update(Tenant tenant, UUID id, String name, Boolean adminStateUp, Boolean shared) {
        Network network = requireMayChange(tenant, get(tenant, id));
        if (shared != null && shared != network.shared) {
            requireMayShare(tenant, true);
            if (!shared) {
                long foreign = em.createQuery("select count(p) from Port p where p.networkId = ?1 and p.projectId <> ?2"
                        + " and p.deviceOwner <> ?3", Long.class).setParameter(1, id).setParameter(2, network.projectId)
                        .setParameter(3, Port.DHCP_OWNER).getSingleResult();
                if (foreign > 0) {
                    throw ApiException.conflict("network " + id + " still has " + foreign + " port(s) of other"
                            + " projects; it stays shared until they are deleted");
                }
            }
            network.shared = shared;
        }
        if (name != null) {
            network.name = name;
        }
        if (adminStateUp != null) {
            network.adminStateUp = adminStateUp;
        }
        return network;
    }

    /** Deletes the network, its DHCP ports and subnets; 409 while other ports use it. */
    @Transactional
    public void delete(Tenant tenant, UUID id) {
        Network network = requireMayChange(tenant, get(tenant, id));
        for (String owner : java.util.List.of(Port.ROUTER_INTERFACE_OWNER, Port.ROUTER_GATEWAY_OWNER,
                Port.FLOATING_IP_OWNER)) {
            java.util.List<String> holders = em.createQuery("select p.deviceId from Port p where p.networkId = ?1"
                    + " and p.deviceOwner = ?2 order by p.createdAt", String.class).setParameter(1, id)
                    .setParameter(2, owner).setMaxResults(3).getResultList();
            if (!holders.isEmpty()) {
                throw ApiException.conflict("network " + id + " is still used by " + (owner.equals(
                        Port.FLOATING_IP_OWNER) ? "floating IP(s) " : "router(s) ") + String.join(", ", holders) + " ("
                        + owner + "); " + (owner.equals(Port.FLOATING_IP_OWNER) ? "delete them first"
                        : owner.equals(Port.ROUTER_GATEWAY_OWNER) ? "clear their external_gateway_info first"
                        : "remove their interfaces first"));
            }
        }
        long ports = em.createQuery("select count(p) from Port p where p.networkId = ?1 and p.deviceOwner <> ?2",
                Long.class).setParameter(1, id).setParameter(2, Port.DHCP_OWNER).getSingleResult();
        if (ports > 0) {
            throw ApiException.conflict("network " + id + " still has " + ports + " port(s); delete them first");
        }
        em.createQuery("from Port where networkId = ?1", Port.class).setParameter(1, id).getResultList()
                .forEach(em::remove);
        em.flush();
        em.createQuery("delete from Subnet where networkId = ?1").setParameter(1, id).executeUpdate();
        em.remove(network);
    }

    private static void requireMayShare(Tenant tenant, Boolean shared) {
        if (Boolean.TRUE.equals(shared) && !tenant.admin()) {
            throw new ApiException(403, "Forbidden", "only a cloud administrator can share a network with every"
                    + " project", "shared");
        }
    }
}
