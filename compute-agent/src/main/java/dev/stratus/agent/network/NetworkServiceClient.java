package dev.stratus.agent.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.stratus.agent.config.AgentConfig;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.problem.ApiException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the agent asks network-service on its internal routes, with its service token: a port's firewall, and setting
 * a port's status.
 */
@Singleton
public class NetworkServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final ServiceLogin token;

    public NetworkServiceClient(AgentConfig config, ServiceLogin token) {
        this.baseUrl = config.networkServiceUrl();
        this.token = token;
    }

    /** The port's rules with remote groups resolved; throws when network-service cannot answer. */
    public PortFirewall firewall(String portId) {
        DeviceNames.prefix(portId);
        return JSON.convertValue(send(HttpRequest.newBuilder(URI.create(baseUrl + "/internal/v1/ports/" + portId
                + "/firewall")).timeout(Duration.ofSeconds(10)).GET(), false), PortFirewall.class);
    }

    /** Reports the port ACTIVE (plugged) or DOWN. */
    public void status(String portId, String status) {
        DeviceNames.prefix(portId);
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/internal/v1/ports/" + portId + "/status"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")), false);
    }

    private com.fasterxml.jackson.databind.JsonNode send(HttpRequest.Builder builder, boolean retried) {
        HttpRequest.Builder copy = builder.copy();
        try {
            token.authorization().ifPresent(value -> builder.header("Authorization", value));
        } catch (ApiException e) {
            throw new DataplaneException("no service token for network-service: " + e.getMessage());
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 && !retried) {
                token.invalidate(); // expired or signed by a rotated key: log in again once
                return send(copy, true);
            }
            if (response.statusCode() != 200) {
                throw new DataplaneException(request.uri() + " answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DataplaneException("network-service is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataplaneException("interrupted");
        }
    }
}
