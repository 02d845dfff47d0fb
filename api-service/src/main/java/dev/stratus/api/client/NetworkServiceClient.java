package dev.stratus.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.platform.client.UpstreamErrors;
import dev.stratus.platform.client.UpstreamUnavailable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * network-service's routes api-service calls (config key {@code network-service}, base URL
 * {@code stratus.api.network-service-url}): the user's networks, security groups and ports with the caller's own
 * token, port bindings, their release and usage with api-service's service token on the internal routes. Timeouts,
 * circuit breaker and retried GETs as {@link ImageServiceClient}'s.
 */
@RegisterRestClient(configKey = "network-service")
@RegisterProvider(UpstreamErrors.class)
@Produces(MediaType.APPLICATION_JSON)
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        failOn = {UpstreamUnavailable.class, ProcessingException.class, TimeoutException.class})
public interface NetworkServiceClient {
    /** {@code GET /v1/networks}: {@code {"networks": [...]}}, oldest first. */
    @GET
    @Path("/v1/networks")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode networks(@HeaderParam("Authorization") String authorization);

    /** {@code GET /v1/networks/{id}}: one network the caller can see (its {@code name}). */
    @GET
    @Path("/v1/networks/{id}")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode network(@PathParam("id") String networkId, @HeaderParam("Authorization") String authorization);

    /** {@code GET /v1/floating-ips?device_id=}: the floating IPs of a server's ports, {@code {"floating_ips": [...]}}. */
    @GET
    @Path("/v1/floating-ips")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode floatingIps(@QueryParam("device_id") String deviceId, @HeaderParam("Authorization") String authorization);

    /** {@code GET /v1/security-groups/{id}}: one security group of the caller's project (404 for any other). */
    @GET
    @Path("/v1/security-groups/{id}")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode securityGroup(@PathParam("id") String groupId, @HeaderParam("Authorization") String authorization);

    /** {@code GET /v1/security-groups?name=}: the caller's project's groups of that name, {@code {"security_groups"}}. */
    @GET
    @Path("/v1/security-groups")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode securityGroupsNamed(@QueryParam("name") String name, @HeaderParam("Authorization") String authorization);

    /** {@code POST /v1/ports} (not retried: each would be a new port). */
    @POST
    @Path("/v1/ports")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode createPort(Map<String, Object> port, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/v1/ports/{id}")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode port(@PathParam("id") String portId, @HeaderParam("Authorization") String authorization);

    /** {@code PUT /v1/ports/{id}}: changes the port's fields given. */
    @PUT
    @Path("/v1/ports/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode updatePort(@PathParam("id") String portId, Map<String, Object> changes,
            @HeaderParam("Authorization") String authorization);

    /** {@code GET /internal/v1/ports/{id}/binding} (service token): what an agent needs to plug the port. */
    @GET
    @Path("/internal/v1/ports/{id}/binding")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode binding(@PathParam("id") String portId, @HeaderParam("Authorization") String authorization);

    /** {@code DELETE /internal/v1/devices/{id}/ports} (service token): the ports a server would have had. */
    @DELETE
    @Path("/internal/v1/devices/{id}/ports")
    void releaseDevicePorts(@PathParam("id") String deviceId, @HeaderParam("Authorization") String authorization);

    /** {@code GET /internal/usage?project=} (service token): {@code networks}, {@code ports}; as image-service's. */
    @GET
    @Path("/internal/usage")
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    JsonNode usage(@QueryParam("project") String projectId, @HeaderParam("Authorization") String authorization);

    /** {@code GET /internal/projects/{id}/holdings} (service token): what the project still holds there (by kind). */
    @GET
    @Path("/internal/projects/{id}/holdings")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode projectHoldings(@PathParam("id") String projectId, @HeaderParam("Authorization") String authorization);

    /** {@code DELETE /internal/projects/{id}} (service token): releases what is left of the project, 409 if more. */
    @DELETE
    @Path("/internal/projects/{id}")
    void releaseProject(@PathParam("id") String projectId, @HeaderParam("Authorization") String authorization);
}
