package dev.stratus.agent.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders security groups as iptables and ip6tables rules ({@link IpFamily}), as {@code iptables-restore --noflush}
 * input, so a whole change is applied atomically. Bridged packets of the Stratus bridges go through this agent's own chain
 * ({@link #chainOf}): first the sender's egress chain ({@code sto-<port>}), then the receiver's ingress chain
 * ({@code sti-<port>}); an allowed packet RETURNs and is accepted, anything else is dropped, and so is any other
 * packet bridged on this agent's bridges (a tap whose port has no chain yet is closed). Packets of other
 * agents' taps (several stacks on one machine in tests) RETURN untouched to the next hook. Ingress defaults to deny;
 * established and related traffic and the family's control traffic (DHCP, IPv6 neighbour discovery) pass; a port
 * sends only from its MAC and its addresses (IPv6: link-local), and may always reach the metadata service
 * (169.254.169.254, TCP 80) from its own IPv4 address.
 */
public final class FirewallRules {
    /** The single chain of agents before chains were per host (it ends in ACCEPT); our hook goes before its hook. */
    public static final String LEGACY_CHAIN = "stratus-fw";
    /** Prefixes of the per-port chains. */
    public static final String INGRESS = "sti-";
    public static final String EGRESS = "sto-";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
    private static final Pattern BRIDGE = Pattern.compile(DeviceNames.BRIDGE + "[0-9a-f]{11}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    private FirewallRules() {
    }

    /** The chain the FORWARD hook of the agent serving {@code host} jumps to: {@code stratus-fw-<8 hex>}. */
    public static String chainOf(String host) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(host.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return LEGACY_CHAIN + "-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The FORWARD rule that sends the Stratus bridges' traffic to {@code chain}. */
    public static List<String> forwardHook(String chain) {
        return List.of("FORWARD", "-o", DeviceNames.BRIDGE + "+", "-m", "physdev", "--physdev-is-bridged",
                "-j", chain);
    }

    /** The per-port chains {@code chain} jumps to, read from its {@code iptables -S} listing. */
    public static List<String> portChains(String listing) {
        return listing.lines().map(l -> l.split(" "))
                .filter(w -> w.length > 1 && "-j".equals(w[w.length - 2]))
                .map(w -> w[w.length - 1]).filter(c -> c.startsWith(INGRESS) || c.startsWith(EGRESS))
                .distinct().toList();
    }

    /**
     * The restore input for exactly these ports (keyed by port id); {@code obsoleteChains} are flushed and deleted.
     */
    public static String render(IpFamily family, String chain, Map<String, PortFirewall> ports, List<String> bridges,
            List<String> obsoleteChains) {
        List<String> lines = new ArrayList<>();
        lines.add("*filter");
        lines.add(":" + chain + " - [0:0]");
        List<String> body = new ArrayList<>();
        List<String> accepts = new ArrayList<>();
        for (PortFirewall port : ports.values()) {
            String id = DeviceNames.prefix(port.portId());
            String tap = DeviceNames.tap(port.portId());
            String in = INGRESS + id;
            String out = EGRESS + id;
            lines.add(":" + in + " - [0:0]");
            lines.add(":" + out + " - [0:0]");
            body.add("-A " + chain + " -m physdev --physdev-in " + tap + " --physdev-is-bridged -j " + out);
            body.add("-A " + chain + " -m physdev --physdev-out " + tap + " --physdev-is-bridged -j " + in);
            accepts.add("-A " + chain + " -m physdev --physdev-in " + tap + " --physdev-is-bridged -j ACCEPT");
            accepts.add("-A " + chain + " -m physdev --physdev-out " + tap + " --physdev-is-bridged -j ACCEPT");
            body.addAll(ingress(family, in, port));
            body.addAll(egress(family, out, port));
        }
        for (String obsolete : obsoleteChains) {
            lines.add(":" + obsolete + " - [0:0]");
        }
        lines.addAll(body);
        lines.addAll(accepts);
        for (String bridge : bridges) { // a tap whose port has no chain yet (or any other device) is not let through
            lines.add("-A " + chain + " -o " + checked(BRIDGE, bridge) + " -m physdev --physdev-is-bridged -j DROP");
        }
        for (String obsolete : obsoleteChains) {
            lines.add("-X " + obsolete);
        }
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    private static List<String> ingress(IpFamily family, String chain, PortFirewall port) {
        List<String> rules = new ArrayList<>();
        rules.add("-A " + chain + " -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN");
        rules.add("-A " + chain + " -m conntrack --ctstate INVALID -j DROP");
        family.ingressControl.forEach(match -> rules.add("-A " + chain + " " + match + " -j RETURN"));
        rules.addAll(allowed(family, chain, port, "ingress", "-s"));
        rules.add("-A " + chain + " -j DROP");
        return rules;
    }

    private static List<String> egress(IpFamily family, String chain, PortFirewall port) {
        List<String> rules = new ArrayList<>();
        rules.add("-A " + chain + " -m mac ! --mac-source " + checked(MAC, port.macAddress()) + " -j DROP");
        if (family == IpFamily.IPV6) { // a guest is no router (Neutron drops its advertisements too)
            rules.add("-A " + chain + " -p ipv6-icmp --icmpv6-type 134 -j DROP");
        }
        family.egressControl.forEach(match -> rules.add("-A " + chain + " " + match + " -j RETURN"));
        if (family == IpFamily.IPV6) {
            rules.add("-A " + chain + " ! -s fe80::/10 -j DROP");
        } else if (port.ipAddresses().size() == 1) {
            rules.add("-A " + chain + " ! -s " + checked(IPV4, port.ipAddresses().get(0)) + "/32 -j DROP");
            // the port's own metadata, whatever its rules (as EC2's instance metadata is): only from its own address
            rules.add("-A " + chain + " -d " + dev.stratus.agent.guest.OpenStackMetadata.METADATA_ADDRESS
                    + "/32 -p tcp --dport 80 -j RETURN");
        }
        rules.add("-A " + chain + " -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN");
        rules.addAll(allowed(family, chain, port, "egress", "-d"));
        rules.add("-A " + chain + " -j DROP");
        return rules;
    }

    private static List<String> allowed(IpFamily family, String chain, PortFirewall port, String direction,
            String remoteFlag) {
        List<String> rules = new ArrayList<>();
        for (PortFirewall.Rule rule : port.rules()) {
            if (!direction.equals(rule.direction()) || !family.ethertype.equals(rule.ethertype())) {
                continue;
            }
            String match = protocol(family, rule);
            if (rule.remoteIpPrefixes() == null) {
                rules.add("-A " + chain + match + " -j RETURN");
            } else {
                for (String prefix : rule.remoteIpPrefixes()) {
                    // a remote group's members of the other family do not apply; anything that is not a CIDR of
                    // this family is left out (the rule only allows, so leaving it out can only close)
                    if (prefix != null && family.cidr.matcher(prefix).matches()
                            && IpFamily.IPV4.cidr.matcher(prefix).matches() == (family == IpFamily.IPV4)) {
                        rules.add("-A " + chain + " " + remoteFlag + " " + prefix + match + " -j RETURN");
                    }
                }
            }
        }
        return rules;
    }

    private static String protocol(IpFamily family, PortFirewall.Rule rule) {
        if (rule.protocol() == null) {
            return "";
        }
        String p = switch (rule.protocol()) {
            case "tcp", "udp" -> rule.protocol();
            case "icmp" -> family.icmp;
            default -> throw new IllegalArgumentException("unknown protocol " + rule.protocol());
        };
        if (rule.portRangeMin() != null && rule.portRangeMax() != null && !p.equals(family.icmp)) {
            return " -p " + p + " --dport " + rule.portRangeMin() + ":" + rule.portRangeMax();
        }
        return " -p " + p;
    }

    private static String checked(Pattern pattern, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("refusing to render '" + value + "' into a firewall rule");
        }
        return value;
    }
}
