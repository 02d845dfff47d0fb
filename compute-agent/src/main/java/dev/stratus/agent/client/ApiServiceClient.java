package dev.stratus.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.platform.client.UpstreamErrors;
import dev.stratus.platform.client.UpstreamUnavailable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * api-service's route for agents (config key {@code api-service}, base URL {@code stratus.agent.identity-url}), with
 * the agent's service token. Within 10 s, retried twice on a 5xx or a refused connection. No circuit breaker: the
 * desired-state sync already asks once per interval and waits for the next one after a failure; a breaker would only
 * add a blind spot after api-service is back. Read through {@link HostInstancesClient}.
 */
@RegisterRestClient(configKey = "api-service")
@RegisterProvider(UpstreamErrors.class)
public interface ApiServiceClient {
    /** {@code GET /internal/v1/hosts/{host}/instances}: {@code {"instances": [...]}}. */
    @GET
    @Path("/internal/v1/hosts/{host}/instances")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode hostInstances(@PathParam("host") String host, @HeaderParam("Authorization") String authorization);
}
