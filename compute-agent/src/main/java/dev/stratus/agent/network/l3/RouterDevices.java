package dev.stratus.agent.network.l3;

import dev.stratus.agent.network.DeviceNames;

/**
 * Names of the L3 devices, from id prefixes as {@link DeviceNames}' (Neutron's scheme, within Linux's 15 characters):
 * a router's namespace {@code qrouter-<router id>}; in it {@code qr-<port>} per interface (its peer {@code rp<port>}
 * on the network's bridge {@code brq<network>}) and {@code qg-<port>} for the gateway (its peer {@code xg-<port>} on
 * the external network's bridge {@code bx-<network>} inside the external namespace). Names built from ids only, so
 * no name carries user input; the ids are unique, so stacks sharing a machine never share a device.
 */
public final class RouterDevices {
    public static final String NAMESPACE = "qrouter-";
    public static final String INTERFACE = "qr-";
    public static final String GATEWAY = "qg-";
    public static final String EXTERNAL_BRIDGE = "bx-";

    private RouterDevices() {
    }

    public static String namespace(String routerId) {
        DeviceNames.prefix(routerId);
        return NAMESPACE + routerId;
    }

    /** The router's end of an interface's veth pair, in the router's namespace. */
    public static String interfaceInRouter(String portId) {
        return INTERFACE + DeviceNames.prefix(portId);
    }

    /** The bridge end of an interface's veth pair, on the tenant network's bridge in the host's namespace. */
    public static String interfaceOnBridge(String portId) {
        return DeviceNames.ROUTER_PORT + DeviceNames.prefix(portId);
    }

    /** The router's end of its gateway veth pair. */
    public static String gatewayInRouter(String portId) {
        return GATEWAY + DeviceNames.prefix(portId);
    }

    /** The external end of the gateway veth pair, on the external bridge inside the external namespace. */
    public static String gatewayOnBridge(String portId) {
        return "xg-" + DeviceNames.prefix(portId);
    }

    /** An external network's bridge, inside the external namespace. */
    public static String externalBridge(String networkId) {
        return EXTERNAL_BRIDGE + DeviceNames.prefix(networkId);
    }
}
