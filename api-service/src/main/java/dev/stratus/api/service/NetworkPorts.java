package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.identity.ServiceIdentity;
import dev.stratus.contracts.PortBinding;
import dev.stratus.platform.auth.CallerProducer;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
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
 * A server without {@code networks} gets a port on its project's default network (the project's oldest network named
 * {@code default} with a subnet), if there is one (and none when network-service cannot be asked: it still boots,
 * as before networking existed).
 * <p>
 * Ports are the user's, so they are looked up, created and attached with the caller's own token (in the server's
 * project, against its quota); their bindings are read, and the ports of a create that failed half-way released,
 * with api-service's service token on network-service's internal routes.
 */
@ApplicationScoped
public class NetworkPorts {
    static final String OWNER = "compute:stratus";
    static final String DEFAULT_NETWORK = "default";
    private static final Logger LOG = Logger.getLogger(NetworkPorts.class);

    @Inject
    ApiConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    JsonWebToken jwt;
    @Inject
    ServiceIdentity identity;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Binds ports for {@code instanceId}; 400 naming {@code networks} for an unknown network or port. */
    public List<PortBinding> bind(UUID instanceId, List<CreateServer.NetworkAttachment> requested) {
        List<CreateServer.NetworkAttachment> attachments = requested == null ? defaultNetwork(instanceId) : requested;
        List<PortBinding> bindings = new ArrayList<>();
        try {
            for (CreateServer.NetworkAttachment attachment : attachments) {
                if (attachment == null) {
                    throw ApiException.badRequest("networks", "each entry of networks names either a network or a port");
                }
                String portId = portFor(instanceId, attachment);
                JsonNode binding = call("GET", "/internal/v1/ports/" + portId + "/binding", null, identity.authorization());
                bindings.add(json.convertValue(binding, PortBinding.class));
            }
        } catch (RuntimeException e) {
            release(instanceId);
            throw e;
        }
        return bindings;
    }

    /** Releases what {@link #bind} did for an instance that will not be written (best effort: logged). */
    public void release(UUID instanceId) {
        try {
            call("DELETE", "/internal/v1/devices/" + instanceId + "/ports", null, identity.authorization());
        } catch (RuntimeException e) {
            LOG.warnf("ports of instance %s not released: %s", instanceId, e.getMessage());
        }
    }

    private List<CreateServer.NetworkAttachment> defaultNetwork(UUID instanceId) {
        JsonNode all;
        try {
            all = call("GET", "/v1/networks", null, user());
        } catch (ApiException e) {
            // no network named: without network-service the server still boots, without a NIC
            LOG.warnf("server %s gets no NIC: cannot look up the default network (%s)", instanceId, e.getMessage());
            return List.of();
        }
        Object project = jwt.getClaim(CallerProducer.PROJECT_CLAIM);
        for (JsonNode network : all.path("networks")) { // oldest first
            if (DEFAULT_NETWORK.equals(network.path("name").asText()) && network.path("subnets").size() > 0
                    && project != null && project.toString().equals(network.path("project_id").asText())) {
                return List.of(new CreateServer.NetworkAttachment(network.path("id").asText(), null));
            }
        }
        return List.of();
    }

    private String portFor(UUID instanceId, CreateServer.NetworkAttachment attachment) {
        if ((attachment.network() == null) == (attachment.port() == null)) {
            throw ApiException.badRequest("networks", "each entry of networks names either a network or a port");
        }
        if (attachment.network() != null) {
            requireUuid(attachment.network());
            JsonNode port = call("POST", "/v1/ports", Map.of("network_id", attachment.network(),
                    "device_id", instanceId.toString(), "device_owner", OWNER), user());
            return port.path("id").asText();
        }
        requireUuid(attachment.port());
        JsonNode port = call("GET", "/v1/ports/" + attachment.port(), null, user());
        if (!port.path("device_id").asText().isEmpty()) {
            throw ApiException.conflict("port " + attachment.port() + " is already in use by "
                    + port.path("device_id").asText());
        }
        call("PUT", "/v1/ports/" + attachment.port(), Map.of("device_id", instanceId.toString(),
                "device_owner", "compute:user"), user());
        return attachment.port();
    }

    /** The caller's own {@code Authorization} (the server's project). */
    private String user() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new ApiException(401, "Unauthorized", "a valid bearer token is required", null);
        }
        return "Bearer " + jwt.getRawToken();
    }

    private static void requireUuid(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("networks", "'" + id + "' is not a network or port id");
        }
    }

    private JsonNode call(String method, String path, Object body, String authorization) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.networkServiceUrl() + path))
                    .timeout(config.upstreamTimeout()).header("Accept", "application/json")
                    .header("Authorization", authorization);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status == 404 || status == 400) {
                throw ApiException.badRequest("networks", path.startsWith("/v1/ports") ? "the network or port does"
                        + " not exist or cannot take a port: " + detail(response) : "network-service answered " + status);
            }
            if (status == 403 || status == 409) {
                JsonNode problem = json.readTree(response.body());
                // e.g. the ports quota: the field names it; a 403 is the network's owner keeping it to itself
                throw new ApiException(status, problem.path("title").asText(status == 403 ? "Forbidden" : "Conflict"),
                        problem.path("detail").asText(), problem.hasNonNull("field") ? problem.get("field").asText()
                        : "networks");
            }
            if (status / 100 != 2) {
                throw ApiException.unavailable("network-service answered " + status);
            }
            return status == 204 ? null : json.readTree(response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("network-service is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }

    private String detail(HttpResponse<byte[]> response) {
        try {
            return json.readTree(response.body()).path("detail").asText();
        } catch (IOException e) {
            return new String(response.body());
        }
    }
}
