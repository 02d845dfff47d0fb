package dev.stratus.api.quota;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.ImageServiceClient;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.api.identity.ServiceIdentity;
import dev.stratus.platform.client.Upstream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Usage of the quotas other services enforce — network-service ({@code networks}, {@code ports}, {@code floating_ips}) and image-service
 * ({@code images}, {@code image_bytes}) — read from their {@code GET /internal/usage?project=} with api-service's
 * service token, for {@code GET /v1/projects/{id}/quotas}. Best effort: a service that cannot answer within 2 s
 * (the clients' {@code usage} timeout) leaves its usage unknown ({@code in_use: null}), never an error of the quotas
 * route.
 */
@ApplicationScoped
public class ServiceUsage {
    private static final Logger LOG = Logger.getLogger(ServiceUsage.class);

    @Inject
    @RestClient
    NetworkServiceClient networkService;
    @Inject
    @RestClient
    ImageServiceClient imageService;
    @Inject
    ServiceIdentity identity;

    /** Usage of every quota resource another service counts; resources it could not tell are missing. */
    public Map<String, Long> of(String projectId) {
        Map<String, Long> usage = new LinkedHashMap<>(ask("network-service", projectId,
                () -> networkService.usage(projectId, identity.authorization()), "networks", "ports",
                "floating_ips"));
        usage.putAll(ask("image-service", projectId, () -> imageService.usage(projectId, identity.authorization()),
                "images", "image_bytes"));
        return usage;
    }

    private static Map<String, Long> ask(String service, String projectId, Supplier<JsonNode> call,
            String... resources) {
        Map<String, Long> usage = new LinkedHashMap<>();
        try {
            JsonNode body = Upstream.call(service, call);
            for (String resource : resources) {
                if (body != null && body.path(resource).isNumber()) {
                    usage.put(resource, body.path(resource).asLong());
                }
            }
        } catch (RuntimeException e) { // down, slow, or a 4xx: unknown
            LOG.debugf("usage of %s at %s unknown: %s", projectId, service, e.getMessage());
        }
        return usage;
    }
}
