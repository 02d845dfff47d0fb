package dev.stratus.network.service;

import dev.stratus.contracts.L3State;
import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.FloatingIp;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.Router;
import dev.stratus.network.model.Subnet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole L3 state an agent serving routers converges to ({@link L3State}): every external network with its first
 * IPv4 subnet, and every router with its gateway, interfaces and associated floating IPs. One host serves every
 * router today (see docs/networks.md for what several would need). Only Stratus services read it (internal route).
 */
@ApplicationScoped
public class L3Wiring {
    private final EntityManager em;
    private final PortService ports;
    private final RouterInterfaces interfaces;

    public L3Wiring(EntityManager em, PortService ports, RouterInterfaces interfaces) {
        this.em = em;
        this.ports = ports;
        this.interfaces = interfaces;
    }

    @Transactional
    public L3State state() {
        List<L3State.ExternalNetwork> externals = new ArrayList<>();
        for (Network network : em.createQuery("from Network where routerExternal = true order by createdAt, id",
                Network.class).getResultList()) {
            ports.subnetsOf(network.id).stream().findFirst().ifPresent(subnet -> externals.add(
                    new L3State.ExternalNetwork(network.id.toString(), subnet.cidr, subnet.gatewayIp, network.mtu)));
        }
        List<L3State.Router> routers = new ArrayList<>();
        for (Router router : em.createQuery("from Router order by createdAt, id", Router.class).getResultList()) {
            if (router.adminStateUp) {
                routers.add(router(router));
            }
        }
        return new L3State(externals, routers);
    }

    private L3State.Router router(Router router) {
        L3State.Gateway gateway = null;
        if (router.gatewayPortId != null) {
            Port port = em.find(Port.class, router.gatewayPortId);
            FixedIp ip = port.fixedIps.get(0);
            Subnet subnet = em.find(Subnet.class, ip.subnetId);
            gateway = new L3State.Gateway(port.id.toString(), port.networkId.toString(), port.macAddress,
                    ip.ipAddress, subnet.cidr, subnet.gatewayIp, em.find(Network.class, port.networkId).mtu);
        }
        List<L3State.Interface> joined = new ArrayList<>();
        for (Port port : interfaces.interfaces(router.id)) {
            FixedIp ip = port.fixedIps.get(0);
            Subnet subnet = em.find(Subnet.class, ip.subnetId);
            joined.add(new L3State.Interface(port.id.toString(), port.networkId.toString(), subnet.id.toString(),
                    port.macAddress, ip.ipAddress, subnet.cidr, em.find(Network.class, port.networkId).mtu));
        }
        List<L3State.FloatingIp> floating = new ArrayList<>();
        if (gateway != null) {
            for (FloatingIp f : em.createQuery("from FloatingIp where routerId = ?1 order by createdAt, id",
                    FloatingIp.class).setParameter(1, router.id).getResultList()) {
                floating.add(new L3State.FloatingIp(f.id.toString(), f.floatingIpAddress, f.fixedIpAddress));
            }
        }
        return new L3State.Router(router.id.toString(), gateway, joined, floating);
    }
}
