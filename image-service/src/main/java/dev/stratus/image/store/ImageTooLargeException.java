package dev.stratus.image.store;

import java.io.IOException;

/** The body went past its {@link UploadLimit} (the maximum image size or the project's image-bytes quota). */
public class ImageTooLargeException extends IOException {
    public ImageTooLargeException(String reason) {
        super(reason);
    }
}
