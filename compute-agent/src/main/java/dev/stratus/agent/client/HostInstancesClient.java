package dev.stratus.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.PowerOperation;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.events.EventCodec;
import dev.stratus.platform.problem.ApiException;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the control plane says should exist on a host: api-service's
 * {@code GET /internal/v1/hosts/{host}/instances}, with the agent's {@link ServiceLogin} token (logged in again once
 * after a 401). Each {@code placement} is the {@code InstancePlaced} event as {@link EventCodec} encodes it; one that
 * cannot be decoded is logged and read as null. Every failure is a {@link ControlPlaneUnavailable}.
 */
@Singleton
public class HostInstancesClient {
    private static final Logger LOG = Logger.getLogger(HostInstancesClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ServiceLogin login;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public HostInstancesClient(ServiceLogin login) {
        this.login = login;
    }

    /** Every live instance api-service has placed on {@code host}. */
    public List<HostInstance> instances(String host) {
        URI uri = URI.create(login.identityUrl() + "/internal/v1/hosts/"
                + URLEncoder.encode(host, StandardCharsets.UTF_8).replace("+", "%20") + "/instances");
        HttpResponse<byte[]> response = get(uri);
        if (response.statusCode() == 401) {
            login.invalidate(); // expired, or signed by a rotated key: log in again once
            response = get(uri);
        }
        if (response.statusCode() == 401 && !login.configured()) {
            throw new ControlPlaneUnavailable("api-service wants a token for " + uri
                    + " and stratus.agent.service-password is not set");
        }
        if (response.statusCode() != 200) {
            throw new ControlPlaneUnavailable("api-service answered " + response.statusCode() + " for " + uri);
        }
        try {
            List<HostInstance> instances = new ArrayList<>();
            for (JsonNode node : JSON.readTree(response.body()).path("instances")) {
                instances.add(instance(node));
            }
            return instances;
        } catch (IOException | RuntimeException e) {
            throw new ControlPlaneUnavailable("unreadable answer from " + uri + ": " + e);
        }
    }

    private HttpResponse<byte[]> get(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept",
                "application/json").GET();
        try {
            login.authorization().ifPresent(value -> request.header("Authorization", value));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (ApiException e) {
            throw new ControlPlaneUnavailable("no service token: " + e.getMessage());
        } catch (IOException e) {
            throw new ControlPlaneUnavailable("api-service is unreachable at " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ControlPlaneUnavailable("interrupted while asking " + uri);
        }
    }

    private static HostInstance instance(JsonNode node) {
        String id = node.path("instance_id").asText(null);
        String operation = node.path("power_operation").asText(null);
        return new HostInstance(id, placement(id, node.get("placement")), node.path("desired_state").asText(null),
                node.path("power_generation").asLong(0), operation(id, operation), node.path("vm_state").asText(null));
    }

    private static PowerOperation operation(String id, String name) {
        try {
            return name == null ? null : PowerOperation.valueOf(name);
        } catch (IllegalArgumentException e) {
            LOG.warnf("instance %s: unknown power operation %s from api-service, ignored", id, name);
            return null;
        }
    }

    private static InstancePlaced placement(String id, JsonNode placement) {
        if (placement == null || placement.isNull()) {
            return null;
        }
        try {
            return EventCodec.decode("InstancePlaced", JSON.writeValueAsBytes(placement))
                    .map(InstancePlaced.class::cast).orElse(null);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            LOG.warnf("instance %s: unreadable placement from api-service, ignored: %s", id, e);
            return null;
        }
    }
}
