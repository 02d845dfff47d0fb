package dev.stratus.agent.network;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What differs between the IPv4 and IPv6 firewalls: the tool, the ethertype rules carry, address syntax, and the
 * control traffic a port needs whatever its rules say (DHCP; for IPv6 also neighbour discovery and MLD, as in
 * Neutron). A guest may not send router advertisements, and its IPv6 sources are link-local only (subnets are IPv4).
 */
public enum IpFamily {
    IPV4("iptables", "IPv4", "icmp", Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}"),
            List.of("-p udp --sport 67 --dport 68"),
            List.of("-p udp --sport 68 --dport 67")),
    IPV6("ip6tables", "IPv6", "ipv6-icmp", Pattern.compile("[0-9a-fA-F:.]{2,45}/\\d{1,3}"),
            List.of("-p udp --sport 547 --dport 546", "-p ipv6-icmp --icmpv6-type 130", "-p ipv6-icmp --icmpv6-type 131",
                    "-p ipv6-icmp --icmpv6-type 132", "-p ipv6-icmp --icmpv6-type 134",
                    "-p ipv6-icmp --icmpv6-type 135", "-p ipv6-icmp --icmpv6-type 136"),
            List.of("-p udp --sport 546 --dport 547", "-p ipv6-icmp --icmpv6-type 131", "-p ipv6-icmp --icmpv6-type 133",
                    "-p ipv6-icmp --icmpv6-type 135", "-p ipv6-icmp --icmpv6-type 136",
                    "-p ipv6-icmp --icmpv6-type 143"));

    /** {@code iptables} or {@code ip6tables}; {@link #restore()} is its restore tool. */
    public final String tool;
    /** The ethertype of the rules this family renders. */
    public final String ethertype;
    /** The protocol name of ICMP in this family. */
    public final String icmp;
    /** A CIDR of this family (remote prefixes of other families are skipped). */
    public final Pattern cidr;
    /** Matches of packets every port receives (before the mac/source checks of egress). */
    public final List<String> ingressControl;
    /** Matches of packets every port may send. */
    public final List<String> egressControl;

    IpFamily(String tool, String ethertype, String icmp, Pattern cidr, List<String> ingressControl,
            List<String> egressControl) {
        this.tool = tool;
        this.ethertype = ethertype;
        this.icmp = icmp;
        this.cidr = cidr;
        this.ingressControl = ingressControl;
        this.egressControl = egressControl;
    }

    public String restore() {
        return tool + "-restore";
    }
}
