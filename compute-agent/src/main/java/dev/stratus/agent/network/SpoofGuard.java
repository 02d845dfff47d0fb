package dev.stratus.agent.network;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Layer-2 anti-spoofing as {@code ebtables-restore --noflush} input: a frame a tap sends must carry the port's MAC
 * as its source, and an ARP packet must claim the port's own IPv4 address (or 0.0.0.0, a DHCP client's probe), so
 * a guest cannot take over a peer's address by ARP (iptables sees IP packets only). One chain per agent
 * ({@link #chainOf}), jumped to from the bridge FORWARD chain; declaring it flushes it, so a render replaces all.
 */
public final class SpoofGuard {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
    private static final Pattern MAC = Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}");

    private SpoofGuard() {
    }

    /** {@code stratus-arp-<8 hex>}, the same hash as the agent's firewall chain. */
    public static String chainOf(String host) {
        return "stratus-arp-" + FirewallRules.chainOf(host).substring(FirewallRules.LEGACY_CHAIN.length() + 1);
    }

    /** The rules of these ports, ending in RETURN (ebtables-restore accepts only ACCEPT as a declared policy). */
    public static String render(String chain, Iterable<PortFirewall> ports) {
        List<String> lines = new ArrayList<>();
        lines.add("*filter");
        lines.add(":" + chain + " ACCEPT");
        for (PortFirewall port : ports) {
            String tap = DeviceNames.tap(port.portId());
            String mac = checked(MAC, port.macAddress());
            lines.add("-A " + chain + " -i " + tap + " -s ! " + mac + " -j DROP");
            lines.add("-A " + chain + " -p ARP -i " + tap + " --arp-mac-src ! " + mac + " -j DROP");
            for (String ip : port.ipAddresses()) {
                if (IPV4.matcher(ip).matches()) {
                    lines.add("-A " + chain + " -p ARP -i " + tap + " --arp-ip-src " + ip + " -j RETURN");
                }
            }
            lines.add("-A " + chain + " -p ARP -i " + tap + " --arp-ip-src 0.0.0.0 -j RETURN");
            lines.add("-A " + chain + " -p ARP -i " + tap + " -j DROP");
        }
        // explicit: ebtables-nft keeps the declared ACCEPT as the chain's policy, and an accepted frame would skip
        // the chains of other agents hooked after this one
        lines.add("-A " + chain + " -j RETURN");
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    private static String checked(Pattern pattern, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("refusing to render '" + value + "' into an ebtables rule");
        }
        return value;
    }
}
