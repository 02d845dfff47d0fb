package dev.stratus.network.service;

import dev.stratus.network.config.NetworkServiceConfig;
import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.NetworkStatus;
import dev.stratus.network.model.Port;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates, finds and deletes networks, scoped by project (a shared network is visible to every project). */
@ApplicationScoped
public class NetworkService {
    private final EntityManager em;
    private final NetworkServiceConfig config;

    public NetworkService(EntityManager em, NetworkServiceConfig config) {
        this.em = em;
        this.config = config;
        if (config.defaultMtu() < 68 || config.defaultMtu() > 65535) {
            throw new IllegalStateException("stratus.network.default-mtu must be 68..65535, not " + config.defaultMtu());
        }
    }

    @Transactional
    public Network create(String projectId, String name, Cidr cidr, Integer mtu, Boolean adminStateUp, Boolean shared) {
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw ApiException.badRequest("mtu", "mtu must be 68..65535");
        }
        Network network = new Network();
        network.id = UUID.randomUUID();
        network.projectId = projectId;
        network.name = name;
        network.cidr = cidr == null ? null : cidr.toString();
        network.mtu = mtu == null ? config.defaultMtu() : mtu;
        network.adminStateUp = adminStateUp == null || adminStateUp;
        network.shared = shared != null && shared;
        network.status = NetworkStatus.ACTIVE;
        network.createdAt = Instant.now();
        em.persist(network);
        return network;
    }

    /** The network if the project owns it or it is shared; else 404 (never confirming it exists). */
    @Transactional
    public Network get(String projectId, UUID id) {
        Network network = em.find(Network.class, id);
        if (network == null || !(projectId.equals(network.projectId) || network.shared)) {
            throw ApiException.notFound("network", id.toString());
        }
        return network;
    }

    /** A network the project may change (owns); {@code field} names the request field when it is not found. */
    public Network getOwned(String projectId, UUID id, String field) {
        Network network = em.find(Network.class, id);
        if (network == null || !projectId.equals(network.projectId)) {
            if (field != null) {
                throw ApiException.badRequest(field, "network " + id + " does not exist");
            }
            throw ApiException.notFound("network", id.toString());
        }
        return network;
    }

    @Transactional
    public List<Network> list(String projectId) {
        return em.createQuery("from Network where projectId = ?1 or shared = true order by createdAt, id",
                Network.class).setParameter(1, projectId).getResultList();
    }

    /** Deletes the network, its DHCP ports and subnets; 409 while other ports use it. */
    @Transactional
    public void delete(String projectId, UUID id) {
        Network network = getOwned(projectId, id, null);
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

    /** The project's network named {@code default}, if any (servers without {@code networks} get a port on it). */
    @Transactional
    public Network defaultNetwork(String projectId) {
        return em.createQuery("from Network where projectId = ?1 and name = 'default' order by createdAt, id",
                Network.class).setParameter(1, projectId).setMaxResults(1).getResultStream().findFirst()
                .orElseThrow(() -> ApiException.notFound("network", "default"));
    }
}
