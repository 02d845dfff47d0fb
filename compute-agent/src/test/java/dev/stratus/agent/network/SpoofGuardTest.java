package dev.stratus.agent.network;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpoofGuardTest {
    private static final PortFirewall PORT = new PortFirewall("01234567-89ab-4def-8123-456789abcdef",
            "fa:16:3e:00:00:01", List.of("10.0.0.5"), List.of());

    @Test
    void aTapMaySendOnlyItsMacAndClaimOnlyItsAddressByArp() {
        String out = SpoofGuard.render("stratus-arp-test", List.of(PORT));
        assertEquals(String.join("\n", "*filter", ":stratus-arp-test ACCEPT",
                "-A stratus-arp-test -i tap0123456789a -s ! fa:16:3e:00:00:01 -j DROP",
                "-A stratus-arp-test -p ARP -i tap0123456789a --arp-mac-src ! fa:16:3e:00:00:01 -j DROP",
                "-A stratus-arp-test -p ARP -i tap0123456789a --arp-ip-src 10.0.0.5 -j RETURN",
                "-A stratus-arp-test -p ARP -i tap0123456789a --arp-ip-src 0.0.0.0 -j RETURN",
                "-A stratus-arp-test -p ARP -i tap0123456789a -j DROP", "-A stratus-arp-test -j RETURN", "COMMIT", ""),
                out);
    }

    @Test
    void noPortsEmptiesTheChainAndNamesFollowTheHost() {
        assertEquals("*filter\n:c ACCEPT\n-A c -j RETURN\nCOMMIT\n", SpoofGuard.render("c", List.of()));
        String chain = SpoofGuard.chainOf("host-a");
        assertTrue(chain.matches("stratus-arp-[0-9a-f]{8}") && chain.length() <= 31, chain);
        assertEquals(FirewallRules.chainOf("host-a").substring("stratus-fw-".length()), chain.substring(12));
        assertThrows(IllegalArgumentException.class, () -> SpoofGuard.render("c", List.of(new PortFirewall(
                PORT.portId(), "fa:16:3e:00:00:01 -j ACCEPT", List.of("10.0.0.5"), List.of()))));
    }
}
