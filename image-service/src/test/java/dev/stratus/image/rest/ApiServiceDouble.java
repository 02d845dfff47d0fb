package dev.stratus.image.rest;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * api-service as image-service sees it in module tests ({@link dev.stratus.devinfra.ApiServiceDouble}):
 * {@link #IMAGES} images for projects named {@code quota-images-*}, {@link #IMAGE_BYTES} image bytes for
 * {@code quota-bytes-*}, 1000 images and unlimited (-1) bytes otherwise.
 */
public class ApiServiceDouble extends dev.stratus.devinfra.ApiServiceDouble {
    public static final String PASSWORD = "image-test-password";
    public static final int IMAGES = 3;
    public static final long IMAGE_BYTES = 1024 * 1024;
    /** How many quota reads were answered. */
    public static final AtomicInteger QUOTA_READS = new AtomicInteger();

    public ApiServiceDouble() {
        super("image", PASSWORD, QUOTA_READS);
    }

    @Override
    protected String limits(String project) {
        long images = project.startsWith("quota-images-") ? IMAGES : project.startsWith("unlimited-") ? -1 : 1000;
        long bytes = project.startsWith("quota-bytes-") ? IMAGE_BYTES : -1;
        return "\"images\":{\"limit\":" + images + ",\"in_use\":null},\"image_bytes\":{\"limit\":" + bytes
                + ",\"in_use\":null}";
    }
}
