package dev.stratus.agent.network.l3;

import dev.stratus.contracts.L3State;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NatRulesTest {
    private static final String GATEWAY_PORT = "0123456789ab4def8123456789abcdef";
    private static final L3State.Gateway GATEWAY = new L3State.Gateway(GATEWAY_PORT, "n", "fa:16:3e:00:00:01",
            "172.24.4.5", "172.24.4.0/24", "172.24.4.1", 1500);
    private static final L3State.Interface SUBNET = new L3State.Interface("p", "n", "s", "fa:16:3e:00:00:02",
            "10.0.0.1", "10.0.0.0/24", 1500);

    @Test
    void floatingIpsComeBeforeTheSubnetsSnat() {
        String out = NatRules.render(new L3State.Router("r", GATEWAY, List.of(SUBNET),
                List.of(new L3State.FloatingIp("f", "172.24.4.10", "10.0.0.7"))));
        assertTrue(out.contains("-A PREROUTING -d 172.24.4.10/32 -j DNAT --to-destination 10.0.0.7\n"), out);
        int own = out.indexOf("-A POSTROUTING -s 10.0.0.7/32 -o qg-0123456789a -j SNAT --to-source 172.24.4.10");
        int subnet = out.indexOf("-A POSTROUTING -s 10.0.0.0/24 -o qg-0123456789a -j SNAT --to-source 172.24.4.5");
        assertTrue(own > 0 && subnet > own, out);
        assertTrue(out.startsWith("*nat\n") && out.endsWith("COMMIT\n"));
    }

    @Test
    void withoutAGatewayTheTableIsEmpty() {
        assertEquals("*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + ":POSTROUTING ACCEPT [0:0]\nCOMMIT\n", NatRules.render(new L3State.Router("r", null, List.of(SUBNET),
                List.of())));
    }

    @Test
    void refusesAnythingThatIsNotAnAddress() {
        assertThrows(IllegalArgumentException.class, () -> NatRules.render(new L3State.Router("r", GATEWAY,
                List.of(), List.of(new L3State.FloatingIp("f", "172.24.4.10 -j ACCEPT", "10.0.0.7")))));
        assertThrows(IllegalArgumentException.class, () -> RouterDevices.namespace("../../etc"));
    }
}
