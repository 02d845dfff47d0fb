package dev.stratus.agent.network.l3;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.stratus.agent.client.L3StateClient;
import dev.stratus.agent.network.DataplaneException;
import dev.stratus.contracts.L3State;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Reads the L3 state from network-service ({@link L3StateClient}); every failure is a {@link DataplaneException}. */
@Singleton
public class NetworkServiceL3 {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final L3StateClient client;
    private final ServiceLogin token;

    public NetworkServiceL3(@RestClient L3StateClient client, ServiceLogin token) {
        this.client = client;
        this.token = token;
    }

    public L3State state() {
        try {
            return JSON.convertValue(Upstream.callAs(token, "network-service", client::state), L3State.class);
        } catch (WebApplicationException e) {
            throw new DataplaneException("network-service answered " + Upstream.status(e) + " for the L3 state");
        } catch (ApiException e) { // down (503), or no service token
            throw new DataplaneException(e.getMessage());
        }
    }
}
