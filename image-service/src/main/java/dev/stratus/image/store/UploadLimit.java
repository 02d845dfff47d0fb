package dev.stratus.image.store;

/**
 * The most bytes an upload may stream, and why (the maximum image size, or what is left of the project's
 * image-bytes quota): the reason becomes the 413's message.
 */
public record UploadLimit(long bytes, String reason) {
}
