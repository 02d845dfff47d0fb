package dev.stratus.agent.network.l3;

import dev.stratus.contracts.L3State;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A router's NAT table as {@code iptables-restore} input for its namespace (the whole table, so one restore replaces
 * every earlier rule atomically): per floating IP a DNAT of the floating address to the port's fixed address and a
 * SNAT of the port's outgoing traffic from the floating address; then a SNAT of each subnet's traffic leaving by the
 * gateway to the gateway address. Traffic between the router's subnets is routed, never NATed. Without a gateway
 * the table is empty.
 */
public final class NatRules {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}");
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}");

    private NatRules() {
    }

    public static String render(L3State.Router router) {
        List<String> lines = new ArrayList<>(List.of("*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]"));
        L3State.Gateway gateway = router.gateway();
        if (gateway != null) {
            String out = RouterDevices.gatewayInRouter(gateway.portId());
            for (L3State.FloatingIp floating : router.floatingIps()) {
                String address = checked(IPV4, floating.floatingIpAddress());
                String fixed = checked(IPV4, floating.fixedIpAddress());
                lines.add("-A PREROUTING -d " + address + "/32 -j DNAT --to-destination " + fixed);
                lines.add("-A OUTPUT -d " + address + "/32 -j DNAT --to-destination " + fixed);
                lines.add("-A POSTROUTING -s " + fixed + "/32 -o " + out + " -j SNAT --to-source " + address);
            }
            String source = checked(IPV4, gateway.ipAddress());
            for (L3State.Interface subnet : router.interfaces()) {
                lines.add("-A POSTROUTING -s " + checked(CIDR, subnet.cidr()) + " -o " + out + " -j SNAT --to-source "
                        + source);
            }
        }
        lines.add("COMMIT");
        return String.join("\n", lines) + "\n";
    }

    /** The IPv4 address, or IllegalArgumentException for anything else (never rendered into a command). */
    static String address(String value) {
        return checked(IPV4, value);
    }

    static String checked(Pattern pattern, String value) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("refusing to render '" + value + "' into a NAT rule");
        }
        return value;
    }
}
