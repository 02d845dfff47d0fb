package dev.stratus.agent.driver;

/** A hypervisor operation failed; the message says which operation, on which instance, and why. */
public class DriverException extends RuntimeException {

    public DriverException(String message) {
        super(message);
    }

    public DriverException(String message, Throwable cause) {
        super(message, cause);
    }
}
