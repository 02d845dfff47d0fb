package dev.stratus.agent.network;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirewallRulesTest {
    private static final String PORT = "0123456789ab4def8123456789abcdef";

    @Test
    void ingressIsDeniedUnlessARuleAllowsIt() {
        String out = render(List.of(new PortFirewall.Rule("ingress", "IPv4", "icmp", null, null, List.of("10.0.0.0/24")),
                new PortFirewall.Rule("ingress", "IPv4", "tcp", 22, 22, null),
                new PortFirewall.Rule("egress", "IPv4", null, null, null, null),
                new PortFirewall.Rule("ingress", "IPv6", null, null, null, null)));
        assertTrue(out.contains("-A stratus-fw-test -m physdev --physdev-out tap0123456789a --physdev-is-bridged -j sti-0123456789a"));
        assertTrue(out.contains("-A sti-0123456789a -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN"));
        assertTrue(out.contains("-A sti-0123456789a -s 10.0.0.0/24 -p icmp -j RETURN"));
        assertTrue(out.contains("-A sti-0123456789a -p tcp --dport 22:22 -j RETURN"));
        assertTrue(out.contains("-A sto-0123456789a -m mac ! --mac-source fa:16:3e:00:00:01 -j DROP"));
        assertTrue(out.contains("-A sto-0123456789a ! -s 10.0.0.5/32 -j DROP\n"
                + "-A sto-0123456789a -d 169.254.169.254/32 -p tcp --dport 80 -j RETURN\n"));
        assertTrue(out.indexOf("-A sti-0123456789a -j DROP") > out.indexOf("--dport 22:22"));
        assertFalse(out.contains("IPv6"));
        assertTrue(out.endsWith("-A stratus-fw-test -m physdev --physdev-out tap0123456789a --physdev-is-bridged -j ACCEPT"
                + "\n-A stratus-fw-test -o brq0123456789a -m physdev --physdev-is-bridged -j DROP\nCOMMIT\n"),
                "this agent's taps are accepted, the rest of its bridges' traffic dropped; other packets go on");
        assertFalse(out.contains("-A stratus-fw-test -j ACCEPT"));
    }

    @Test
    void emptyRemoteGroupMatchesNothingAndObsoleteChainsAreDeleted() {
        String out = FirewallRules.render(IpFamily.IPV4, "stratus-fw-test", Map.of(), List.of(), List.of("sti-aaaaaaaaaaa"));
        assertTrue(out.contains(":sti-aaaaaaaaaaa - [0:0]") && out.contains("-X sti-aaaaaaaaaaa"));
        String none = render(List.of(new PortFirewall.Rule("ingress", "IPv4", null, null, null, List.of())));
        assertFalse(none.contains("-A sti-0123456789a -j RETURN"));
    }

    @Test
    void eachHostHasItsOwnChainAndOnlyItsPortChainsAreObsoleteCandidates() {
        String a = FirewallRules.chainOf("host-a");
        assertTrue(a.matches("stratus-fw-[0-9a-f]{8}") && a.length() <= 28, a);
        assertFalse(a.equals(FirewallRules.chainOf("host-b")));
        String listing = "-N " + a + "\n-A " + a + " -m physdev --physdev-in tap0123456789a --physdev-is-bridged"
                + " -j sto-0123456789a\n-A " + a + " -m physdev --physdev-out tap0123456789a --physdev-is-bridged"
                + " -j sti-0123456789a\n-A " + a + " -m physdev --physdev-out tap0123456789a -j ACCEPT\n";
        assertEquals(List.of("sto-0123456789a", "sti-0123456789a"), FirewallRules.portChains(listing));
    }

    @Test
    void leavesOutRemotesThatAreNotAddressesOfTheFamily() {
        String out = render(List.of(new PortFirewall.Rule("ingress", "IPv4", null, null, null,
                List.of("1.2.3.4/32\n-A FORWARD -j ACCEPT", "fe80::/10", "10.1.0.0/16"))));
        assertFalse(out.contains("-A FORWARD"), out);
        assertFalse(out.contains("fe80"), out);
        assertTrue(out.contains("-A sti-0123456789a -s 10.1.0.0/16 -j RETURN"), out);
        assertThrows(IllegalArgumentException.class, () -> FirewallRules.render(IpFamily.IPV4, "c",
                Map.of("p", new PortFirewall("01234567-89ab-4def-8123-456789abcdef", "fa:16:3e:00:00:01\n-X",
                        List.of("10.0.0.5"), List.of())), List.of(), List.of()));
    }

    @Test
    void ipv6RulesGoToIp6tablesWithNeighbourDiscoveryAndNoRouterAdvertisementsFromGuests() {
        String out = render(IpFamily.IPV6, List.of(
                new PortFirewall.Rule("ingress", "IPv6", "icmp", null, null, List.of("fe80::/10", "10.0.0.6/32")),
                new PortFirewall.Rule("ingress", "IPv4", "tcp", 22, 22, null),
                new PortFirewall.Rule("egress", "IPv6", null, null, null, null)));
        assertTrue(out.contains("-A sti-0123456789a -s fe80::/10 -p ipv6-icmp -j RETURN"), out);
        assertFalse(out.contains("10.0.0.6") || out.contains("--dport 22"), "IPv4 rules and members stay in iptables");
        assertTrue(out.contains("-A sti-0123456789a -p ipv6-icmp --icmpv6-type 135 -j RETURN"), "neighbour solicitation");
        assertTrue(out.indexOf("-A sto-0123456789a -p ipv6-icmp --icmpv6-type 134 -j DROP")
                < out.indexOf("-A sto-0123456789a -j RETURN"), "a guest's router advertisement is dropped first");
        assertTrue(out.contains("-A sto-0123456789a ! -s fe80::/10 -j DROP"));
        assertTrue(out.indexOf("-A sti-0123456789a -j DROP") > out.indexOf("-s fe80::/10 -p ipv6-icmp"));
    }

    private static String render(List<PortFirewall.Rule> rules) {
        return render(IpFamily.IPV4, rules);
    }

    private static String render(IpFamily family, List<PortFirewall.Rule> rules) {
        Map<String, PortFirewall> ports = new LinkedHashMap<>();
        ports.put(PORT, new PortFirewall("01234567-89ab-4def-8123-456789abcdef", "fa:16:3e:00:00:01",
                List.of("10.0.0.5"), rules));
        return FirewallRules.render(family, "stratus-fw-test", ports, List.of("brq0123456789a"), List.of());
    }
}
