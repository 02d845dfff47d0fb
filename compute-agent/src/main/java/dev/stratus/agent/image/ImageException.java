package dev.stratus.agent.image;

/** An image could not be fetched or verified; the message says which image and why. */
public class ImageException extends RuntimeException {
    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
