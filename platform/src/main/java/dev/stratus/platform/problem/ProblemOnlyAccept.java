package dev.stratus.platform.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A request that accepts only {@code application/problem+json} also accepts {@code application/json}. Generated
 * clients (openapi-generator's Java and TypeScript ones) build their {@code Accept} header from the media types an
 * operation's responses declare; for an operation whose success is a 204 (a delete) that is the error responses'
 * problem+json alone, and the resource methods, which produce {@code application/json}, answered such a request
 * with a 406 before doing anything. There is no body to negotiate on a 204, and every error is problem+json whatever
 * was asked, so the request is matched as if it accepted JSON too.
 */
@Provider
@PreMatching
public class ProblemOnlyAccept implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && onlyProblems(accept)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", " + MediaType.APPLICATION_JSON);
        }
    }

    /** True when every media range of {@code accept} is problem+json (parameters such as q aside). */
    static boolean onlyProblems(String accept) {
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim();
            if (!type.isEmpty() && !type.equalsIgnoreCase(Problem.MEDIA_TYPE)) {
                return false;
            }
        }
        return !accept.isBlank();
    }
}
