package dev.stratus.image.store;

import java.nio.file.Path;

/** Image data written to a temporary file of the store, with what was computed while it streamed in. */
public record ReceivedContent(Path tempFile, long size, String sha256, String md5) {
}
