package dev.stratus.platform.problem;

/** A typed API error: thrown by services, turned into problem+json by {@link ProblemMappers}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Object> extensions = new java.util.LinkedHashMap<>();

    public ApiException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ApiException badRequest(String field, String detail) {
        return new ApiException(400, "Bad Request", detail, field);
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "Not Found", what + " " + id + " does not exist", null);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(409, "Conflict", detail, null);
    }

    /** 429 problem with {@code Retry-After} (whole seconds, at least 1). */
    public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ApiException(429, "Too Many Requests", detail, null)
                .withHeader("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds)));
    }

    /** Adds a response header (Retry-After, WWW-Authenticate...). */
    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /**
     * Adds an RFC 9457 extension member to the problem (e.g. the {@code vm_state} that refused an action), so a
     * client reads it without parsing the detail.
     */
    public ApiException withExtension(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    /**
     * 503 with {@code Retry-After: 5}: a service this request depends on cannot answer now; the detail says which and
     * why. (A typed client's failures are {@code dev.stratus.platform.client.UpstreamUnavailable}s, the same answer.)
     */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, "Service Unavailable", detail, null).withHeader("Retry-After", "5");
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), field);
    }

    /** The response body: the {@link Problem}, with its extension members when there are any. */
    public Object toBody() {
        Problem problem = toProblem();
        if (extensions.isEmpty()) {
            return problem;
        }
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        body.putAll(extensions);
        return body;
    }
}
