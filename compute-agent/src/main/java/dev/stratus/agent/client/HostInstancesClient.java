package dev.stratus.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.PowerOperation;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.events.EventCodec;
import dev.stratus.platform.problem.ApiException;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the control plane says should exist on a host: api-service's
 * {@code GET /internal/v1/hosts/{host}/instances} ({@link ApiServiceClient}), with the agent's {@link ServiceLogin}
 * token (logged in again once after a 401). Each {@code placement} is the {@code InstancePlaced} event as
 * {@link EventCodec} encodes it; one that cannot be decoded is logged and read as null. Every failure is a
 * {@link ControlPlaneUnavailable}.
 */
@Singleton
public class HostInstancesClient {
    private static final Logger LOG = Logger.getLogger(HostInstancesClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceLogin login;
    private final ApiServiceClient api;

    public HostInstancesClient(ServiceLogin login, @RestClient ApiServiceClient api) {
        this.login = login;
        this.api = api;
    }

    /** Every live instance api-service has placed on {@code host}. */
    public List<HostInstance> instances(String host) {
        String route = "/internal/v1/hosts/" + host + "/instances";
        JsonNode answer;
        try {
            answer = Upstream.callAs(login, "api-service", authorization -> api.hostInstances(host, authorization));
        } catch (WebApplicationException e) {
            if (Upstream.status(e) == 401 && !login.configured()) {
                throw new ControlPlaneUnavailable("api-service wants a token for " + route
                        + " and stratus.agent.service-password is not set");
            }
            throw new ControlPlaneUnavailable("api-service answered " + Upstream.status(e) + " for " + route);
        } catch (ApiException e) { // down (503), or no service token
            throw new ControlPlaneUnavailable(e.getMessage() + " (" + route + ")");
        }
        try {
            List<HostInstance> instances = new ArrayList<>();
            for (JsonNode node : answer.path("instances")) {
                instances.add(instance(node));
            }
            return instances;
        } catch (RuntimeException e) {
            throw new ControlPlaneUnavailable("unreadable answer from " + route + ": " + e);
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
