package dev.stratus.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.problem.ApiException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;

/**
 * Runs an {@link Idempotent} resource method at most once per {@code Idempotency-Key}: the key is scoped by the
 * caller's project; the request is identified by a hash of caller (user), method, path and body (re-serialized as
 * canonical JSON, so whitespace and field order do not matter). Outside (before) any {@code @Transactional}, so a
 * claim is committed before the create's transaction starts.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class IdempotencyInterceptor {
    public static final String HEADER = "Idempotency-Key";
    /** Set on replayed responses. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    @Inject
    IdempotencyStore store;
    @Inject
    IdempotencyContext context;
    @Inject
    Caller caller;
    @Inject
    Instance<HttpServerRequest> request;
    @Inject
    Instance<ObjectMapper> json;

    @AroundInvoke
    Object around(InvocationContext invocation) throws Exception {
        HttpServerRequest http = request.get();
        String key = http.getHeader(HEADER);
        if (key == null) {
            return invocation.proceed();
        }
        if (key.isBlank() || key.length() > 255) {
            throw ApiException.badRequest(HEADER, "Idempotency-Key must be 1-255 characters");
        }
        if (invocation.getMethod().getReturnType() != Response.class) {
            throw new IllegalStateException("@Idempotent needs a method returning Response: " + invocation.getMethod());
        }
        String scope = caller.isAuthenticated() ? caller.projectId() : "-";
        // keyed by the Idempotency-Key (not stored), so the hash of a body with a password cannot be guessed offline
        String requestHash = ResponseSeal.hash(key + "\0" + (caller.isAuthenticated() ? caller.userId() : "-") + "\n"
                + http.method().name() + " " + http.path() + "\n" + body(invocation));
        IdempotencyStore.Outcome outcome = store.claim(scope, key, requestHash);
        if (outcome.replay() != null) {
            return replay(outcome.replay());
        }
        context.begin(outcome.claim());
        Response response;
        try {
            response = (Response) invocation.proceed();
        } catch (Exception | Error e) {
            store.release(outcome.claim());
            throw e;
        }
        if (context.completed()) {
            return response;
        }
        if (response == null || response.getStatus() < 200 || response.getStatus() > 299) {
            store.release(outcome.claim());
            return response;
        }
        try {
            store.complete(outcome.claim(), response.getStatus(),
                    response.getLocation() == null ? null : response.getLocation().toString(),
                    context.serialize(response.getEntity()));
        } catch (RuntimeException e) {
            store.release(outcome.claim());
            throw e;
        }
        return response;
    }

    private static Response replay(IdempotencyStore.Stored stored) {
        Response.ResponseBuilder response = Response.status(stored.status()).header(REPLAYED_HEADER, "true");
        if (!stored.body().isEmpty()) {
            response.type(MediaType.APPLICATION_JSON).entity(stored.body());
        }
        if (stored.location() != null) {
            response.location(URI.create(stored.location()));
        }
        return response.build();
    }

    /** The body parameter (the one without a JAX-RS annotation) as canonical JSON; "" without one. */
    private String body(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            boolean jaxrs = false;
            for (Annotation a : annotations[i]) {
                jaxrs |= a.annotationType().getPackageName().startsWith("jakarta.ws.rs");
            }
            if (!jaxrs) {
                Object body = invocation.getParameters()[i];
                return json.get().writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .writeValueAsString(body);
            }
        }
        return "";
    }
}
