package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.api.identity.ServiceIdentity;
import dev.stratus.api.model.InstancePort;
import dev.stratus.api.model.InstanceSecurityGroup;
import dev.stratus.contracts.PortBinding;
import dev.stratus.platform.auth.CallerProducer;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Gets a server's ports from network-service before the instance is written: a new port per requested network
 * (owned by {@value #OWNER}, deleted by network-service when the instance is gone), or the user's existing port.
 * A server without {@code networks} gets a port on its project's default network (the project's oldest network named
 * {@code default} with a subnet), if there is one (and none when network-service cannot be asked: it still boots,
 * as before networking existed). The ports it creates get the create's {@code security_groups}
 * ({@link ServerSecurityGroups}); the user's ports keep theirs.
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
    @RestClient
    NetworkServiceClient networkService;
    @Inject
    ObjectMapper json;
    @Inject
    JsonWebToken jwt;
    @Inject
    ServiceIdentity identity;

    /**
     * The ports of a server: their bindings, in the order the guest sees them, and the ids of their security groups
     * (each once, in the order the ports have them).
     */
    public record BoundPorts(List<PortBinding> bindings, List<String> securityGroupIds) {
    }

    /**
     * Binds ports for {@code instanceId}; 400 naming {@code networks} for an unknown network or port. The ports it
     * creates get {@code securityGroups} (null: network-service's default, the project's {@code default} group; empty:
     * none); ports the user passed keep their own.
     */
    public BoundPorts bind(UUID instanceId, List<CreateServer.NetworkAttachment> requested,
            List<InstanceSecurityGroup> securityGroups) {
        List<CreateServer.NetworkAttachment> attachments = requested == null ? defaultNetwork(instanceId) : requested;
        List<PortBinding> bindings = new ArrayList<>();
        Set<String> groups = new LinkedHashSet<>();
        try {
            for (CreateServer.NetworkAttachment attachment : attachments) {
                if (attachment == null) {
                    throw ApiException.badRequest("networks", "each entry of networks names either a network or a port");
                }
                JsonNode port = portFor(instanceId, attachment, securityGroups);
                port.path("security_groups").forEach(group -> groups.add(group.asText()));
                String portId = port.path("id").asText();
                JsonNode binding = call(false, () -> networkService.binding(portId, identity.authorization()));
                bindings.add(json.convertValue(binding, PortBinding.class));
            }
        } catch (RuntimeException e) {
            release(instanceId);
            throw e;
        }
        return new BoundPorts(bindings, List.copyOf(groups));
    }

    /**
     * The instance's ports as its view shows them, with the name of each port's network (asked of network-service
     * once per network with the caller's token; its id when network-service does not answer: a name is not worth
     * failing a create for).
     */
    public List<InstancePort> describe(List<PortBinding> bindings) {
        Map<String, String> names = new java.util.HashMap<>();
        List<InstancePort> ports = new ArrayList<>();
        for (PortBinding binding : bindings) {
            String name = names.computeIfAbsent(binding.networkId(), this::networkName);
            ports.add(new InstancePort(binding.portId(), binding.networkId(), name, binding.ipAddress(),
                    binding.macAddress()));
        }
        return ports;
    }

    private String networkName(String networkId) {
        try {
            String name = call(false, () -> networkService.network(networkId, user())).path("name").asText("");
            return name.isEmpty() ? networkId : name;
        } catch (RuntimeException e) {
            LOG.warnf("the name of network %s is unknown (%s): the server's addresses name its id", networkId,
                    e.getMessage());
            return networkId;
        }
    }

    /** Releases what {@link #bind} did for an instance that will not be written (best effort: logged). */
    public void release(UUID instanceId) {
        try {
            call(false, () -> {
                networkService.releaseDevicePorts(instanceId.toString(), identity.authorization());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("ports of instance %s not released: %s", instanceId, e.getMessage());
        }
    }

    private List<CreateServer.NetworkAttachment> defaultNetwork(UUID instanceId) {
        JsonNode all;
        try {
            all = call(false, () -> networkService.networks(user()));
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

    /** The port for one attachment as network-service shows it (its {@code id}, {@code security_groups}). */
    private JsonNode portFor(UUID instanceId, CreateServer.NetworkAttachment attachment,
            List<InstanceSecurityGroup> securityGroups) {
        if ((attachment.network() == null) == (attachment.port() == null)) {
            throw ApiException.badRequest("networks", "each entry of networks names either a network or a port");
        }
        if (attachment.network() != null) {
            requireUuid(attachment.network());
            Map<String, Object> create = new HashMap<>(Map.of("network_id", attachment.network(),
                    "device_id", instanceId.toString(), "device_owner", OWNER));
            if (securityGroups != null) {
                create.put("security_groups", securityGroups.stream().map(InstanceSecurityGroup::id).toList());
            }
            return call(true, () -> networkService.createPort(create, user()));
        }
        requireUuid(attachment.port());
        JsonNode port = call(true, () -> networkService.port(attachment.port(), user()));
        if (!port.path("device_id").asText().isEmpty()) {
            throw ApiException.conflict("port " + attachment.port() + " is already in use by "
                    + port.path("device_id").asText());
        }
        call(true, () -> networkService.updatePort(attachment.port(), Map.of("device_id", instanceId.toString(),
                "device_owner", "compute:user"), user()));
        return port;
    }

    /** The caller's own {@code Authorization} (the server's project). */
    private String user() {
        return CallerToken.bearer(jwt);
    }

    private static void requireUuid(String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("networks", "'" + id + "' is not a network or port id");
        }
    }

    /**
     * One call to network-service: its answer; a 503 when it is down (the platform's one mapping); its 4xx as the
     * user's error: a 404 or 400 is a 400 naming {@code networks} ({@code portRoute}: a {@code /v1/ports} call, whose
     * detail is passed on), a 403 (the network's owner keeps it to itself) or 409 (e.g. the ports quota) keeps its
     * status, title, detail and field; any other 4xx is a 503.
     */
    private JsonNode call(boolean portRoute, Supplier<JsonNode> call) {
        try {
            return Upstream.call("network-service", call);
        } catch (WebApplicationException e) {
            int status = Upstream.status(e);
            JsonNode problem = problem(e);
            if (status == 404 || status == 400) {
                throw ApiException.badRequest("networks", portRoute ? "the network or port does not exist or cannot"
                        + " take a port: " + problem.path("detail").asText(problem.path("body").asText())
                        : "network-service answered " + status);
            }
            if (status == 403 || status == 409) {
                throw new ApiException(status, problem.path("title").asText(status == 403 ? "Forbidden" : "Conflict"),
                        problem.path("detail").asText(), problem.hasNonNull("field") ? problem.get("field").asText()
                        : "networks");
            }
            throw ApiException.unavailable("network-service answered " + status);
        }
    }

    /** The problem document of a 4xx answer, or {@code {"body": <its text>}} when it is not JSON. */
    private JsonNode problem(WebApplicationException e) {
        String body = "";
        try {
            body = e.getResponse().readEntity(String.class);
            JsonNode problem = json.readTree(body == null ? "" : body);
            return problem == null || !problem.isObject() ? json.createObjectNode().put("body", body) : problem;
        } catch (Exception unreadable) {
            return json.createObjectNode().put("body", body == null ? "" : body);
        }
    }
}
