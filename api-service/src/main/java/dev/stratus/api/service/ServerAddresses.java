package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.platform.client.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A server's addresses by network name, in Nova's shape: {@code {"<net>": [{"addr", "version", "type": "fixed",
 * "mac_addr"}]}}, read from network-service with the caller's token (the server's ports), then its floating IPs
 * added by {@link FloatingAddresses}. Best effort: when network-service cannot answer, the view has no
 * {@code addresses} rather than failing.
 */
@ApplicationScoped
public class ServerAddresses {
    private static final Logger LOG = Logger.getLogger(ServerAddresses.class);

    @Inject
    @RestClient
    NetworkServiceClient networkService;
    @Inject
    JsonWebToken jwt;
    @Inject
    FloatingAddresses floating;

    /** The server's addresses, or null when network-service cannot say. */
    public Map<String, List<Map<String, Object>>> of(String serverId) {
        if (jwt == null || jwt.getRawToken() == null) {
            return null;
        }
        String authorization = "Bearer " + jwt.getRawToken();
        Map<String, List<Map<String, Object>>> addresses = new LinkedHashMap<>();
        try {
            JsonNode ports = Upstream.call("network-service", () -> networkService.ports(serverId, authorization));
            if (ports.path("ports").isEmpty()) {
                return addresses;
            }
            Map<String, String> names = new HashMap<>();
            for (JsonNode network : Upstream.call("network-service", () -> networkService.networks(authorization))
                    .path("networks")) {
                names.put(network.path("id").asText(), network.path("name").asText());
            }
            for (JsonNode port : ports.path("ports")) {
                String network = names.getOrDefault(port.path("network_id").asText(), port.path("network_id").asText());
                for (JsonNode ip : port.path("fixed_ips")) {
                    String addr = ip.path("ip_address").asText();
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("addr", addr);
                    entry.put("version", addr.contains(":") ? 6 : 4);
                    entry.put("type", "fixed");
                    entry.put("mac_addr", port.path("mac_address").asText());
                    addresses.computeIfAbsent(network, n -> new ArrayList<>()).add(entry);
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("addresses of server %s unknown: %s", serverId, e.getMessage());
            return null;
        }
        floating.add(serverId, addresses, authorization);
        return addresses;
    }
}
