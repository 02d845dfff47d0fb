package dev.stratus.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.platform.client.UpstreamErrors;
import dev.stratus.platform.client.UpstreamUnavailable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
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
 * network-service's internal port routes (config key {@code network-service}, base URL
 * {@code stratus.agent.network-service-url}), with the agent's service token. Each call within 10 s behind a circuit
 * breaker; the GET is retried twice on a 5xx or a refused connection. Used through
 * {@link dev.stratus.agent.network.NetworkServicePorts}.
 */
@RegisterRestClient(configKey = "network-service")
@RegisterProvider(UpstreamErrors.class)
@Path("/internal/v1/ports/{id}")
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        failOn = {UpstreamUnavailable.class, ProcessingException.class, TimeoutException.class})
public interface NetworkServiceClient {
    /** The port's rules with remote groups resolved. */
    @GET
    @Path("/firewall")
    @Produces(MediaType.APPLICATION_JSON)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode firewall(@PathParam("id") String portId, @HeaderParam("Authorization") String authorization);

    /** Sets the port's status: {@code {"status": "ACTIVE"|"DOWN"}}. */
    @PUT
    @Path("/status")
    @Consumes(MediaType.APPLICATION_JSON)
    void status(@PathParam("id") String portId, Map<String, String> status,
            @HeaderParam("Authorization") String authorization);
}
