package dev.stratus.platform.events;

/** Handles one decoded contract record. Must be idempotent: delivery is at least once. */
@FunctionalInterface
public interface EventHandler {
    void handle(Object event) throws Exception;
}
