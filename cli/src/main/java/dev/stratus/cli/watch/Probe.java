package dev.stratus.cli.watch;

/** Reads the current state of what is watched; null when it is gone (the API answered 404). */
@FunctionalInterface
public interface Probe<T> {
    T read() throws Exception;
}
