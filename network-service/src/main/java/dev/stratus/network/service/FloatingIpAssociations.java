package dev.stratus.network.service;

import dev.stratus.network.model.FloatingIp;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/**
 * Which router carries a floating IP to a port, and what happens to floating IPs when their port goes: the floating
 * IP follows the port (a rebuilt or resized server keeps it), and a deleted port leaves it disassociated but still
 * the project's, as in Neutron.
 */
@ApplicationScoped
public class FloatingIpAssociations {
    private final EntityManager em;
    private final RouterEvents events;

    public FloatingIpAssociations(EntityManager em, RouterEvents events) {
        this.em = em;
        this.events = events;
    }

    /** The port is about to be deleted: its floating IP (if any) is disassociated, in the caller's transaction. */
    void portGone(UUID portId) {
        List<FloatingIp> associated = em.createQuery("from FloatingIp where portId = ?1", FloatingIp.class)
                .setParameter(1, portId).getResultList();
        for (FloatingIp floatingIp : associated) {
            UUID router = floatingIp.routerId;
            floatingIp.disassociate();
            events.changed(floatingIp.projectId, router);
        }
        if (!associated.isEmpty()) {
            em.flush(); // the row no longer names the port before the port's row goes
        }
    }

    /**
     * The router that has an interface on {@code subnetId} and its gateway on {@code externalNetworkId} (the oldest
     * when several do), or null: only through such a router can a floating IP of that network reach the subnet.
     */
    Router routerBetween(UUID subnetId, UUID externalNetworkId) {
        List<String> routerIds = em.createQuery("select p.deviceId from Port p join p.fixedIps i where i.subnetId = ?1"
                + " and p.deviceOwner = ?2", String.class).setParameter(1, subnetId)
                .setParameter(2, Port.ROUTER_INTERFACE_OWNER).getResultList();
        if (routerIds.isEmpty()) {
            return null;
        }
        return em.createQuery("from Router where id in ?1 and externalNetworkId = ?2 order by createdAt, id",
                        Router.class).setParameter(1, routerIds.stream().map(UUID::fromString).toList())
                .setParameter(2, externalNetworkId).getResultStream().findFirst().orElse(null);
    }

    /** The floating IPs that reach ports through {@code routerId}. */
    List<FloatingIp> throughRouter(UUID routerId) {
        return em.createQuery("from FloatingIp where routerId = ?1 order by createdAt, id", FloatingIp.class)
                .setParameter(1, routerId).getResultList();
    }
}
