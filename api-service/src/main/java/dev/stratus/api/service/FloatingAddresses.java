package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.platform.client.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a server's floating IPs to its addresses, in Nova's shape: each floating IP
 * ({@code GET /v1/floating-ips?device_id=<server>} at network-service, with the caller's token) goes into the list of
 * the network whose fixed address it is DNATed to, as {@code {"addr", "version": 4, "type": "floating",
 * "mac_addr"}} (the fixed entry's MAC). Best effort: when network-service cannot answer, the fixed addresses stay
 * alone.
 */
@ApplicationScoped
public class FloatingAddresses {
    private static final Logger LOG = Logger.getLogger(FloatingAddresses.class);

    @Inject
    @RestClient
    NetworkServiceClient networkService;

    /** Appends the floating entries to {@code addresses} (network name → entries with "addr" and "mac_addr"). */
    public void add(String serverId, Map<String, List<Map<String, Object>>> addresses, String authorization) {
        JsonNode floatingIps;
        try {
            floatingIps = Upstream.call("network-service", () -> networkService.floatingIps(serverId, authorization));
        } catch (RuntimeException e) {
            LOG.debugf("floating IPs of server %s unknown: %s", serverId, e.getMessage());
            return;
        }
        for (JsonNode floatingIp : floatingIps.path("floating_ips")) {
            String fixed = floatingIp.path("fixed_ip_address").asText(null);
            for (List<Map<String, Object>> entries : addresses.values()) {
                Map<String, Object> match = entries.stream()
                        .filter(e -> "fixed".equals(e.get("type")) && e.get("addr").equals(fixed))
                        .findFirst().orElse(null);
                if (match != null) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("addr", floatingIp.path("floating_ip_address").asText());
                    entry.put("version", 4);
                    entry.put("type", "floating");
                    entry.put("mac_addr", match.get("mac_addr"));
                    entries.add(entry);
                    break;
                }
            }
        }
    }
}
