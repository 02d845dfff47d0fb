package dev.stratus.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.platform.client.UpstreamErrors;
import dev.stratus.platform.client.UpstreamUnavailable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
 * image-service's routes api-service calls (config key {@code image-service}, base URL
 * {@code stratus.api.image-service-url}). Each call takes the {@code Authorization} to send: the caller's own token
 * for the user's images, api-service's service token for {@code /internal/usage}. Every call has a timeout and a
 * circuit breaker; GETs are retried twice on a 5xx or a refused connection. Call through
 * {@link dev.stratus.platform.client.Upstream}: a 5xx or no answer is a 503 problem with {@code Retry-After}, a 4xx a
 * {@code WebApplicationException} whose meaning is the caller's.
 */
@RegisterRestClient(configKey = "image-service")
@RegisterProvider(UpstreamErrors.class)
@Produces(MediaType.APPLICATION_JSON)
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS,
        failOn = {UpstreamUnavailable.class, ProcessingException.class, TimeoutException.class})
public interface ImageServiceClient {
    /** {@code GET /v1/images/{id}}: the image as its project sees it (404: none it may see). */
    @GET
    @Path("/v1/images/{id}")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode image(@PathParam("id") String imageId, @HeaderParam("Authorization") String authorization);

    /** {@code GET /v1/images?name=}: {@code {"images": [...]}}. */
    @GET
    @Path("/v1/images")
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = {UpstreamUnavailable.class, ProcessingException.class})
    JsonNode imagesNamed(@QueryParam("name") String name, @HeaderParam("Authorization") String authorization);

    /** {@code POST /v1/images}: registers a queued image (not retried: it is not idempotent). */
    @POST
    @Path("/v1/images")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode create(Map<String, Object> image, @HeaderParam("Authorization") String authorization);

    /** {@code DELETE /v1/images/{id}}. */
    @DELETE
    @Path("/v1/images/{id}")
    void delete(@PathParam("id") String imageId, @HeaderParam("Authorization") String authorization);

    /**
     * {@code GET /internal/usage?project=} (service token): {@code images}, {@code image_bytes}. Best effort for the
     * quotas route, so within 2 s and not retried.
     */
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
