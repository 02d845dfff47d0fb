package dev.stratus.agent.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.stratus.agent.client.NetworkServiceClient;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Map;
import java.util.function.Function;

/**
 * What the agent asks network-service ({@link NetworkServiceClient}) with its service token (logged in again once
 * after a 401): a port's firewall, and setting a port's status. Every failure is a {@link DataplaneException}.
 */
@Singleton
public class NetworkServicePorts {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final NetworkServiceClient client;
    private final ServiceLogin token;

    public NetworkServicePorts(@RestClient NetworkServiceClient client, ServiceLogin token) {
        this.client = client;
        this.token = token;
    }

    /** The port's rules with remote groups resolved; throws when network-service cannot answer. */
    public PortFirewall firewall(String portId) {
        DeviceNames.prefix(portId);
        return JSON.convertValue(call(portId, "firewall", auth -> client.firewall(portId, auth)), PortFirewall.class);
    }

    /** Reports the port ACTIVE (plugged) or DOWN. */
    public void status(String portId, String status) {
        DeviceNames.prefix(portId);
        call(portId, "status", auth -> {
            client.status(portId, Map.of("status", status), auth);
            return null;
        });
    }

    private JsonNode call(String portId, String what, Function<String, JsonNode> call) {
        try {
            return Upstream.callAs(token, "network-service", call);
        } catch (WebApplicationException e) {
            throw new DataplaneException("network-service answered " + Upstream.status(e) + " for the " + what
                    + " of port " + portId);
        } catch (ApiException e) { // down (503), or no service token
            throw new DataplaneException(e.getMessage());
        }
    }
}
