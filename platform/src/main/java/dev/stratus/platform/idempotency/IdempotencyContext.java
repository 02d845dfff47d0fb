package dev.stratus.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The {@code Idempotency-Key} claim of the current request, if it sent one to an {@link Idempotent} method. A create
 * that must store its key in its own transaction (so that a crash cannot leave the resource without its key) calls
 * {@link #completeWithin} inside that transaction; otherwise the interceptor stores the response after the method
 * returned.
 */
@RequestScoped
public class IdempotencyContext {
    @Inject
    IdempotencyStore store;
    @Inject
    Instance<ObjectMapper> json;

    private IdempotencyStore.Claim claim;
    private boolean completed;

    void begin(IdempotencyStore.Claim claim) {
        this.claim = claim;
        this.completed = false;
    }

    boolean completed() {
        return completed;
    }

    /**
     * Stores the response this request is about to send, in the caller's current transaction; nothing if the
     * request carried no key. The response must be what the method then returns (status, Location, entity).
     */
    public void completeWithin(int status, String location, Object entity) {
        if (claim == null) {
            return;
        }
        store.complete(claim, status, location, serialize(entity));
        completed = true;
    }

    String serialize(Object entity) {
        if (entity == null) {
            return "";
        }
        if (entity instanceof String s) {
            return s;
        }
        try {
            return json.get().writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the response to store it", e);
        }
    }
}
