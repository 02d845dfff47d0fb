package dev.stratus.platform.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

/**
 * api-service's {@code GET /v1/projects/{id}/quotas}, for the services that enforce quotas of their own resources
 * (image-service, network-service; see {@link dev.stratus.platform.quota.ApiQuotas}). Config key
 * {@code api-service}: each service points {@code quarkus.rest-client.api-service.url} at its identity URL. Within
 * 10 s (the {@code @Timeout}), retried twice on a 5xx or a refused connection, behind a circuit breaker.
 */
@RegisterRestClient(configKey = "api-service")
@RegisterProvider(UpstreamErrors.class)
@Path("/v1/projects")
public interface ProjectQuotasClient {
    /** The project's limits: {@code {"<resource>": {"limit": n, "in_use": null}, ...}} ({@code usage=false}). */
    @GET
    @Path("/{project}/quotas")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
            failOn = {UpstreamUnavailable.class, ProcessingException.class, TimeoutException.class})
    JsonNode quotas(@PathParam("project") String projectId, @QueryParam("usage") boolean usage,
            @HeaderParam("Authorization") String authorization);
}
