package dev.stratus.api.client;

import dev.stratus.platform.client.UpstreamErrors;
import dev.stratus.platform.client.UpstreamUnavailable;
import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * A compute agent's internal routes (config key {@code compute-agent}); each call names the agent's base URL, the
 * {@code agent_url} its host reported. No circuit breaker: one breaker would be shared by every host's agent, and one
 * dead host would make the consoles of all the others 503.
 */
@RegisterRestClient(configKey = "compute-agent")
@RegisterProvider(UpstreamErrors.class)
public interface AgentClient {
    /** {@code GET /internal/v1/instances/{id}/console} (service token): the serial log, or its last bytes. */
    @GET
    @Path("/internal/v1/instances/{id}/console")
    @Produces(MediaType.TEXT_PLAIN)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    String console(@Url String agentUrl, @PathParam("id") String instanceId, @QueryParam("tail_bytes") Long tailBytes,
            @HeaderParam("Authorization") String authorization);
}
