package dev.stratus.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every error of the native APIs leaves as application/problem+json. */
public final class ProblemMappers {
    private ProblemMappers() {
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @Provider
    public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            Response.ResponseBuilder response = Response.status(e.toProblem().status()).type(Problem.MEDIA_TYPE)
                    .entity(e.toBody());
            e.headers().forEach(response::header);
            return response.build();
        }
    }

    @Provider
    public static class JsonMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            return respond(JsonProblems.of(e));
        }
    }

    /** Valid JSON of the wrong shape (an array for an object, a string for a number). */
    @Provider
    public static class MismatchedInputMapper implements ExceptionMapper<MismatchedInputException> {
        @Override
        public Response toResponse(MismatchedInputException e) {
            return new JsonMapper().toResponse(e);
        }
    }

    @Provider
    public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String title = Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
            Throwable cause = e.getCause();
            if (status == 400 && cause instanceof JsonProcessingException json) {
                return new JsonMapper().toResponse(json);
            }
            return respond(Problem.of(status, title, e.getMessage(), null));
        }
    }

    /** Anything unexpected: a 500 problem that says nothing about internals; the stack trace goes to the log. */
    @Provider
    public static class UnexpectedMapper implements ExceptionMapper<Exception> {
        private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(UnexpectedMapper.class);

        @Override
        public Response toResponse(Exception e) {
            String database = DatabaseOutage.describe(e);
            if (database != null) {
                LOG.warnf("database unavailable: %s", database);
                return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                        .entity(Problem.of(503, "Service Unavailable", "the database cannot be reached right now ("
                                + database + "); nothing was changed, try again shortly", null)).build();
            }
            LOG.error("unexpected error", e);
            return respond(Problem.of(500, "Internal Server Error",
                    "the request failed unexpectedly; it was logged (" + e.getClass().getSimpleName() + ")", null));
        }
    }
}
