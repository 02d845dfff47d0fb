package dev.stratus.agent.network;

import java.util.List;

/**
 * A port's security group rules as network-service resolves them ({@code GET /v1/ports/{id}/firewall}).
 *
 * @param ipAddresses the port's own addresses (only these may be its source)
 */
public record PortFirewall(String portId, String macAddress, List<String> ipAddresses, List<Rule> rules) {

    /**
     * One allow rule.
     *
     * @param remoteIpPrefixes sources (ingress) or destinations (egress) allowed, null for any address
     */
    public record Rule(String direction, String ethertype, String protocol, Integer portRangeMin, Integer portRangeMax,
            List<String> remoteIpPrefixes) {
    }

    /** The firewall of a port network-service could not be asked about yet: only DHCP passes. */
    public static PortFirewall closed(String portId, String mac, String ip) {
        return new PortFirewall(portId, mac, List.of(ip), List.of());
    }
}
