package dev.stratus.platform.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.io.IOException;

/**
 * Registered on every typed client ({@code @RegisterProvider(UpstreamErrors.class)}): a 5xx answer becomes an
 * {@link UpstreamUnavailable} carrying the other service's {@code Retry-After} (whole seconds) when it sent one, so
 * fault tolerance retries and counts it, and the caller's client answers 503. A 4xx answer is left to the default
 * mapper (a {@code WebApplicationException} with the status), for the caller to give it its meaning.
 */
@Priority(4000) // before the REST client's default mapper
public class UpstreamErrors implements ResponseExceptionMapper<UpstreamUnavailable> {
    private static final int MAX_DETAIL = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 500;
    }

    @Override
    public UpstreamUnavailable toThrowable(Response response) {
        return new UpstreamUnavailable("answered " + response.getStatus() + detail(response),
                retryAfter(response.getHeaderString("Retry-After")), null);
    }

    /** Whole seconds of a {@code Retry-After} header, or the default when there is none or it is an HTTP date. */
    static long retryAfter(String header) {
        if (header != null) {
            try {
                return Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                // an HTTP date: rare between our services; the default will do
            }
        }
        return UpstreamUnavailable.DEFAULT_RETRY_AFTER_SECONDS;
    }

    /** {@code ": <detail>"} of a problem body, or nothing. */
    private static String detail(Response response) {
        try {
            if (!response.hasEntity()) {
                return "";
            }
            String detail = JSON.readTree(response.readEntity(String.class)).path("detail").asText("");
            return detail.isEmpty() ? "" : ": " + (detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL)
                    : detail);
        } catch (IOException | RuntimeException e) {
            return ""; // not a problem document
        }
    }
}
