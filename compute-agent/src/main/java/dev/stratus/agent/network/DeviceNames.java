package dev.stratus.agent.network;

/**
 * Names of the host devices of networks and ports, derived from id prefixes so they fit Linux's 15-character
 * interface names (Neutron's scheme): {@code brq<11>} bridge, {@code tap<11>} port, {@code ns<11>}/{@code dh<11>}
 * the veth pair joining the bridge to the DHCP namespace {@code qdhcp-<network id>}.
 */
public final class DeviceNames {
    public static final String BRIDGE = "brq";
    public static final String TAP = "tap";
    public static final String NAMESPACE = "qdhcp-";
    /** Prefix of the bridge end of a router interface's veth pair ({@code rp<port>}; see l3.RouterDevices). */
    public static final String ROUTER_PORT = "rp";

    private DeviceNames() {
    }

    public static String bridge(String networkId) {
        return BRIDGE + prefix(networkId);
    }

    public static String tap(String portId) {
        return TAP + prefix(portId);
    }

    public static String namespace(String networkId) {
        return NAMESPACE + networkId;
    }

    /** The bridge end of the DHCP veth pair. */
    public static String vethOnBridge(String networkId) {
        return "ns" + prefix(networkId);
    }

    /** The namespace end of the DHCP veth pair. */
    public static String vethInNamespace(String networkId) {
        return "dh" + prefix(networkId);
    }

    /** The 11 first hex digits of a UUID (dashes dropped); throws for anything else, so no name carries input. */
    public static String prefix(String id) {
        String hex = id.replace("-", "");
        if (!hex.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a lower-case UUID: " + id);
        }
        return hex.substring(0, 11);
    }
}
