package dev.stratus.agent.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.platform.client.UpstreamErrors;
import dev.stratus.platform.client.UpstreamUnavailable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.temporal.ChronoUnit;

/**
 * network-service's L3 state route (config key {@code network-service}, as {@link NetworkServiceClient}), with the
 * agent's service token: what the L3 role builds. Within 10 s, retried twice on a 5xx or a refused connection; no
 * circuit breaker (one call per resync interval).
 */
@RegisterRestClient(configKey = "network-service")
@RegisterProvider(UpstreamErrors.class)
@Path("/internal/v1/l3")
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
public interface L3StateClient {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode state(@HeaderParam("Authorization") String authorization);
}
