package dev.stratus.agent.guest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.PortBinding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenStack metadata layout of one guest, as cloud-init's ConfigDrive and OpenStack datasources read it:
 * {@code openstack/latest/meta_data.json}, {@code network_data.json}, {@code vendor_data.json} and, when the server
 * has any, {@code user_data}. The config drive holds these files and the metadata service answers the same bytes, so
 * a guest sees one truth whichever way it asks.
 *
 * <p>Every guest gets a host route to {@value #METADATA_ADDRESS} via its network's DHCP server address: the metadata
 * proxy listens in the network's {@code qdhcp-} namespace (Neutron's "isolated metadata"), so it is reached the same
 * way with or without a router.
 */
public final class OpenStackMetadata {
    public static final String METADATA_ADDRESS = "169.254.169.254";
    public static final String PREFIX = "openstack/latest/";
    /** The one availability zone guests are told they are in. */
    public static final String AVAILABILITY_ZONE = "stratus";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenStackMetadata() {
    }

    /** The guest's files by their path under the config drive's root (e.g. {@code openstack/latest/meta_data.json}). */
    public static Map<String, byte[]> files(String instanceId, String name, String projectId, GuestIdentity identity,
            List<PortBinding> ports) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(PREFIX + "meta_data.json", json(metaData(instanceId, name, projectId, identity)));
        files.put(PREFIX + "network_data.json", json(networkData(ports)));
        files.put(PREFIX + "vendor_data.json", json(Map.of()));
        byte[] userData = userData(identity);
        if (userData != null) {
            files.put(PREFIX + "user_data", userData);
        }
        return files;
    }

    /** The user-data's bytes, decoded from the base64 the user sent, or null when the server has none. */
    public static byte[] userData(GuestIdentity identity) {
        return identity.userData() == null ? null : Base64.getMimeDecoder().decode(identity.userData());
    }

    static Map<String, Object> metaData(String instanceId, String name, String projectId, GuestIdentity identity) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uuid", instanceId);
        meta.put("name", name);
        meta.put("hostname", identity.hostname());
        meta.put("project_id", projectId);
        meta.put("availability_zone", AVAILABILITY_ZONE);
        meta.put("launch_index", 0);
        meta.put("meta", identity.metadata());
        if (identity.publicKey() != null) {
            String keyName = identity.keyName() == null ? "default" : identity.keyName();
            meta.put("public_keys", Map.of(keyName, identity.publicKey()));
            meta.put("keys", List.of(Map.of("name", keyName, "type", "ssh", "data", identity.publicKey())));
        }
        meta.put("devices", List.of());
        return meta;
    }

    static Map<String, Object> networkData(List<PortBinding> ports) {
        List<Object> links = new ArrayList<>();
        List<Object> networks = new ArrayList<>();
        int index = 0;
        for (PortBinding port : ports) {
            String link = "tap" + port.portId().substring(0, Math.min(11, port.portId().length()));
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("id", link);
            l.put("type", "phy");
            l.put("ethernet_mac_address", port.macAddress());
            l.put("mtu", port.mtu());
            l.put("vif_id", port.portId());
            links.add(l);

            List<Object> routes = new ArrayList<>();
            if (port.gatewayIp() != null) {
                routes.add(route("0.0.0.0", "0.0.0.0", port.gatewayIp()));
            }
            routes.add(route(METADATA_ADDRESS, "255.255.255.255", port.dhcpServerIp()));
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", "network" + index++);
            n.put("type", "ipv4");
            n.put("link", link);
            n.put("ip_address", port.ipAddress());
            n.put("netmask", netmask(port.cidr()));
            n.put("routes", routes);
            n.put("network_id", port.networkId());
            n.put("services", List.of());
            networks.add(n);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("links", links);
        data.put("networks", networks);
        data.put("services", List.of());
        return data;
    }

    /** The dotted netmask of a CIDR's prefix length: {@code 10.0.0.0/24} → {@code 255.255.255.0}. */
    public static String netmask(String cidr) {
        int prefix = Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (mask >> 24 & 255) + "." + (mask >> 16 & 255) + "." + (mask >> 8 & 255) + "." + (mask & 255);
    }

    private static Map<String, Object> route(String network, String netmask, String gateway) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("network", network);
        r.put("netmask", netmask);
        r.put("gateway", gateway);
        return r;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
