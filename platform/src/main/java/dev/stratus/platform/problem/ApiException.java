package dev.stratus.platform.problem;

/** A typed API error: thrown by services, turned into problem+json by {@link ProblemMappers}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;

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

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), field);
    }
}
