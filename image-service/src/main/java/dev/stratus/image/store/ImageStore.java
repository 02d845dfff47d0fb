package dev.stratus.image.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where image data lives, content-addressed by sha256. An upload is always staged to a local temporary file first
 * (it is hashed on the way and {@code qemu-img} validates it there); {@link #commit} then moves it to the store.
 * {@link FilesystemImageStore} is the default; an S3-compatible store would upload in {@link #commit}, return
 * null from {@link #localFile} and serve {@link #open} with ranged GETs.
 */
public interface ImageStore {

    /** Deletes every temporary upload file (only when no upload can be running). Returns how many. */
    long dropTemporaryFiles() throws IOException;

    /**
     * Opens a new temporary file for an upload of at most {@code limit}: the caller feeds it
     * ({@link StagedUpload#write}), then either finishes it (a {@link ReceivedContent} with its size and digests) or
     * aborts it (the temporary file is gone).
     */
    StagedUpload stage(UploadLimit limit) throws IOException;

    /** Stores received content under its sha256; when that content is stored already, keeps one copy (dedupe). */
    void commit(ReceivedContent content) throws IOException;

    /** Drops received content that will not be committed. */
    void discard(ReceivedContent content);

    /** The local file holding this content, for zero-copy downloads, or null when the store keeps none. */
    Path localFile(String sha256);

    /** The stored content from {@code offset} on; the caller closes it. */
    InputStream open(String sha256, long offset) throws IOException;

    /** Removes stored content; nothing happens when it is absent. */
    void remove(String sha256);
}
