package dev.stratus.platform.idempotency;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a create (a JAX-RS resource method returning {@code Response}) as honouring the {@code Idempotency-Key}
 * request header: the first request with a key runs, its 2xx response is kept (per project, 24 h) and replayed to
 * every later request with the same key and the same method, path, caller and body; another body gets a 409; a
 * duplicate sent while the first still runs waits for it. A first attempt that fails (4xx, 5xx, exception) frees the
 * key. The service needs the {@code idempotent_request} table in its schema (see {@link IdempotencyStore}).
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Idempotent {
}
