package dev.stratus.api.rest;

import dev.stratus.api.model.Instance;
import dev.stratus.api.model.InstancePort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's addresses by network name, in Nova's shape:
 * {@code {"<network name>": [{"addr": "10.0.0.5", "version": 4, "type": "fixed", "mac_addr": "fa:16:3e:.."}]}}, the
 * networks in the order of the server's ports. Fixed addresses come from the instance's ports; a floating address
 * joins the list of the network of the port it is associated with, as {@code "type": "floating"} ({@link #with}).
 */
public final class ServerAddresses {
    public static final String FIXED = "fixed";
    public static final String FLOATING = "floating";

    private ServerAddresses() {
    }

    /** One address of the server: {@code type} is {@value #FIXED} or {@value #FLOATING}. */
    public record Address(String addr, int version, String type, String macAddr) {
    }

    /** The server's fixed addresses by network name. */
    public static Map<String, List<Address>> of(Instance instance) {
        Map<String, List<Address>> byNetwork = new LinkedHashMap<>();
        for (InstancePort port : instance.ports == null ? List.<InstancePort>of() : instance.ports) {
            add(byNetwork, port.networkName(), new Address(port.ipAddress(), version(port.ipAddress()), FIXED,
                    port.macAddress()));
        }
        return byNetwork;
    }

    /**
     * {@code addresses} with a floating address of the server's port {@code portId} added to that port's network
     * (unchanged if the server has no such port): where the floating IPs network-service associates with the
     * server's ports join its view.
     */
    public static Map<String, List<Address>> with(Map<String, List<Address>> addresses, Instance instance,
            String portId, String floatingIp) {
        for (InstancePort port : instance.ports == null ? List.<InstancePort>of() : instance.ports) {
            if (port.portId().equals(portId)) {
                add(addresses, port.networkName(), new Address(floatingIp, version(floatingIp), FLOATING,
                        port.macAddress()));
            }
        }
        return addresses;
    }

    private static void add(Map<String, List<Address>> byNetwork, String network, Address address) {
        byNetwork.computeIfAbsent(network, n -> new java.util.ArrayList<>()).add(address);
    }

    static int version(String ip) {
        return ip != null && ip.contains(":") ? 6 : 4;
    }
}
