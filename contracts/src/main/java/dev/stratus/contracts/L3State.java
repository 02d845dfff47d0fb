package dev.stratus.contracts;

import java.util.List;

/**
 * What an agent's L3 role builds, as network-service states it ({@code GET /internal/v1/l3}): the external networks
 * (bridges in the external namespace, holding their subnets' gateway addresses) and every router with its gateway,
 * interfaces and floating IPs. Level-triggered: the agent makes the host equal to this, whatever it held before.
 */
public record L3State(List<ExternalNetwork> externalNetworks, List<Router> routers) {

    /** An external network's first IPv4 subnet: the address range "outside the cloud" and its gateway. */
    public record ExternalNetwork(String networkId, String cidr, String gatewayIp, int mtu) {
    }

    /**
     * A router: a {@code qrouter-<id>} namespace.
     *
     * @param gateway null when the router has no external gateway
     */
    public record Router(String routerId, Gateway gateway, List<Interface> interfaces, List<FloatingIp> floatingIps) {
    }

    /**
     * The router's port on an external network.
     *
     * @param ipAddress the router's address there (the source of SNAT)
     * @param cidr      the external subnet, e.g. 172.24.4.0/24
     * @param nextHop   the external subnet's gateway (the router's default route), or null
     */
    public record Gateway(String portId, String networkId, String macAddress, String ipAddress, String cidr,
            String nextHop, int mtu) {
    }

    /** The router's port on a tenant subnet: it holds the subnet's gateway address on the network's bridge. */
    public record Interface(String portId, String networkId, String subnetId, String macAddress, String ipAddress,
            String cidr, int mtu) {
    }

    /** A floating IP associated with a port behind the router: DNAT in, SNAT out. */
    public record FloatingIp(String floatingIpId, String floatingIpAddress, String fixedIpAddress) {
    }
}
