package dev.stratus.image.store;

import java.io.IOException;

/** The client's body ended early or failed while being read (closed socket, reset, truncated chunk). */
public class UploadInterruptedException extends IOException {
    public UploadInterruptedException(IOException cause) {
        super("upload interrupted: " + cause.getMessage(), cause);
    }
}
