package dev.stratus.image.store;

import java.io.IOException;

/** The body went past the configured maximum image size. */
public class ImageTooLargeException extends IOException {
    public ImageTooLargeException(long limit) {
        super("image data exceeds the maximum image size of " + limit + " bytes");
    }
}
