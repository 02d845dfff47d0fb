package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.api.config.ApiConfig;
import dev.stratus.contracts.PortBinding;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Gets a server's ports from network-service before the instance is written: a new port per requested network
 * (owned by {@value #OWNER}, deleted by network-service when the instance is gone), or the user's existing port.
 * A server without {@code networks} gets a port on the project's network named {@code default}, if there is one
 * (and none when network-service cannot be asked: it still boots, as before networking existed).
 */
@ApplicationScoped
public class NetworkPorts {
    static final String OWNER = "compute:stratus";
    private static final Logger LOG = Logger.getLogger(NetworkPorts.class);

    @Inject
    ApiConfig config;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Binds ports for {@code instanceId}; 400 naming {@code networks} for an unknown network or port. */
    public List<PortBinding> bind(UUID instanceId, List<CreateServer.NetworkAttachment> requested) {
        List<CreateServer.NetworkAttachment> attachments = requested;
        if (attachments == null) {
            JsonNode all;
            try {
                all = call("GET", "/v1/networks", null);
            } catch (ApiException e) {
                // no network named: without network-service the server still boots, without a NIC
                LOG.warnf("server %s gets no NIC: cannot look up the default network (%s)", instanceId, e.getMessage());
                return List.of();
            }
            attachments = new ArrayList<>();
            for (JsonNode network : all.path("networks")) {
                if ("default".equals(network.path("name").asText()) && network.path("subnets").size() > 0) {
                    attachments.add(new CreateServer.NetworkAttachment(network.path("id").asText(), null));
                    break;
                }
            }
        }
        List<PortBinding> bindings = new ArrayList<>();
        for (CreateServer.NetworkAttachment attachment : attachments) {
            String portId = attachment == null ? null : portFor(instanceId, attachment);
            JsonNode binding = call("GET", "/v1/ports/" + portId + "/binding", null);
            bindings.add(json.convertValue(binding, PortBinding.class));
        }
        return bindings;
    }

    private String portFor(UUID instanceId, CreateServer.NetworkAttachment attachment) {
        if ((attachment.network() == null) == (attachment.port() == null)) {
            throw ApiException.badRequest("networks", "each entry of networks names either a network or a port");
        }
        if (attachment.network() != null) {
            requireUuid(attachment.network());
            JsonNode port = call("POST", "/v1/ports", Map.of("network_id", attachment.network(),
                    "device_id", instanceId.toString(), "device_owner", OWNER));
            return port.path("id").asText();
        }
        requireUuid(attachment.port());
        JsonNode port = call("GET", "/v1/ports/" + attachment.port(), null);
        if (!port.path("device_id").asText().isEmpty()) {
            throw ApiException.conflict("port " + attachment.port() + " is already in use by "
                    + port.path("device_id").asText());
        }
        call("PUT", "/v1/ports/" + attachment.port(), Map.of("device_id", instanceId.toString(),
                "device_owner", "compute:user"));
        return attachment.port();
    }

    private static void requireUuid(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("networks", "'" + id + "' is not a network or port id");
        }
    }

    private JsonNode call(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.networkServiceUrl() + path))
                    .timeout(config.upstreamTimeout()).header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 404 || status == 400) {
                throw ApiException.badRequest("networks", path.startsWith("/v1/ports/") || path.equals("/v1/ports")
                        ? "the network or port does not exist or cannot take a port: "
                        + new String(response.body()) : "network-service answered " + status);
            }
            if (status == 409) {
                throw ApiException.conflict(json.readTree(response.body()).path("detail").asText());
            }
            if (status / 100 != 2) {
                throw ApiException.unavailable("network-service answered " + status);
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("network-service is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }
}
