package dev.stratus.agent.network;

/** The host's network could not be brought to the desired state; the reconciler retries. */
public class DataplaneException extends RuntimeException {
    public DataplaneException(String message) {
        super(message);
    }
}
