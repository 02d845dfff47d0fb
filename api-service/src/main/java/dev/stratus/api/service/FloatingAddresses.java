package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.api.model.Instance;
import dev.stratus.api.rest.ServerAddresses;
import dev.stratus.platform.client.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a server's floating IPs to its addresses ({@link ServerAddresses}): each floating IP network-service
 * associates with one of the server's ports ({@code GET /v1/floating-ips?device_id=<server>}, with the caller's token)
 * joins the list of that port's network as {@code "type": "floating"}. Only the view of one server asks (a list would
 * make one call per server). Best effort: when network-service cannot answer, the fixed addresses stay alone.
 */
@ApplicationScoped
public class FloatingAddresses {
    private static final Logger LOG = Logger.getLogger(FloatingAddresses.class);

    @Inject
    @RestClient
    NetworkServiceClient networkService;
    @Inject
    JsonWebToken jwt;

    /** {@code fixed} (the server's fixed addresses by network) with its floating addresses added. */
    public Map<String, List<ServerAddresses.Address>> add(Instance instance,
            Map<String, List<ServerAddresses.Address>> fixed) {
        Map<String, List<ServerAddresses.Address>> addresses = new LinkedHashMap<>();
        fixed.forEach((network, list) -> addresses.put(network, new ArrayList<>(list)));
        if (jwt == null || jwt.getRawToken() == null || instance.ports == null || instance.ports.isEmpty()) {
            return addresses;
        }
        String serverId = instance.id.toString();
        JsonNode floatingIps;
        try {
            floatingIps = Upstream.call("network-service",
                    () -> networkService.floatingIps(serverId, "Bearer " + jwt.getRawToken()));
        } catch (RuntimeException e) {
            LOG.debugf("floating IPs of server %s unknown: %s", serverId, e.getMessage());
            return addresses;
        }
        for (JsonNode floatingIp : floatingIps.path("floating_ips")) {
            String portId = floatingIp.path("port_id").asText(null);
            String address = floatingIp.path("floating_ip_address").asText(null);
            if (portId != null && address != null) {
                ServerAddresses.with(addresses, instance, portId, address);
            }
        }
        return addresses;
    }
}
