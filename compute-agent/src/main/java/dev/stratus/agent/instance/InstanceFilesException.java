package dev.stratus.agent.instance;

/** An instance's local files could not be prepared or removed. */
public class InstanceFilesException extends RuntimeException {
    public InstanceFilesException(String message) {
        super(message);
    }

    public InstanceFilesException(String message, Throwable cause) {
        super(message, cause);
    }
}
