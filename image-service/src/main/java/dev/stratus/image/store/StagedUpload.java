package dev.stratus.image.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An upload being staged to a temporary file, fed by one producer (the HTTP event loop) and consumed by three
 * threads at once: one writes the file, one computes SHA-256, one MD5, so the digests (MD5 alone runs at about
 * one core's worth of ~650 MB/s) do not add up on one core. The producer's buffers are copied into 1 MiB batches;
 * every batch goes to all three consumers and returns to a free list when the last one is done with it. At most
 * {@link #MAX_BATCHES} batches are in flight: past that {@link #saturated()} tells the producer to pause its
 * source, and {@link #whenDrained} says when to resume, so the heap holds at most 16 MiB per upload whatever the
 * upload's size. {@link #abort} stops everything and deletes the temporary file.
 */
public final class StagedUpload {
    static final int BATCH = 1 << 20;
    static final int MAX_BATCHES = 16;
    private static final int RESUME_AT = MAX_BATCHES / 2;
    private static final Object END = new Object();
    private static final Object ABORT = new Object();

    private final Path temp;
    private final UploadLimit limit;
    private final Stage writer;
    private final Stage sha256;
    private final Stage md5;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int inFlight;
    private Runnable drained;
    private volatile Throwable failure;
    // producer-only state
    private ByteBuffer filling;
    private long size;
    private boolean closed;

    StagedUpload(Path temp, FileChannel channel, UploadLimit limit, Executor threads) {
        this.temp = temp;
        this.limit = limit;
        this.writer = new Stage("write", new StagingSinks.FileSink(channel, temp));
        this.sha256 = new Stage("sha256", new StagingSinks.DigestSink(digest("SHA-256")));
        this.md5 = new Stage("md5", new StagingSinks.DigestSink(digest("MD5")));
        for (Stage stage : stages()) {
            threads.execute(stage);
        }
    }

    /** The temporary file (deleted again by {@link #abort}). */
    public Path tempFile() {
        return temp;
    }

    /**
     * Takes the bytes of {@code data} (copied, the caller keeps its buffer).
     *
     * @throws ImageTooLargeException when the upload goes past its limit
     * @throws IOException            when a consumer failed (the file cannot be written)
     */
    public void write(ByteBuffer data) throws IOException {
        checkFailure();
        size += data.remaining();
        if (size > limit.bytes()) {
            throw new ImageTooLargeException(limit.reason());
        }
        while (data.hasRemaining()) {
            if (filling == null) {
                filling = takeFree();
            }
            int n = Math.min(filling.remaining(), data.remaining());
            filling.put(data.slice(data.position(), n));
            data.position(data.position() + n);
            if (!filling.hasRemaining()) {
                dispatch();
            }
        }
    }

    /** True when the producer should pause until {@link #whenDrained} calls back. */
    public synchronized boolean saturated() {
        return inFlight >= MAX_BATCHES;
    }

    /** Runs {@code resume} (on a consumer thread, or at once) when few batches are in flight, or a consumer failed. */
    public synchronized void whenDrained(Runnable resume) {
        if (inFlight <= RESUME_AT || failure != null) {
            resume.run();
        } else {
            drained = resume;
        }
    }

    /** No more data: completes with the temporary file's size and digests once all three consumers are done. */
    public CompletableFuture<ReceivedContent> finish() {
        if (filling != null && filling.position() > 0) {
            dispatch();
        }
        closed = true;
        for (Stage stage : stages()) {
            stage.queue.add(END);
        }
        return CompletableFuture.allOf(writer.result, sha256.result, md5.result).thenApply(done -> {
            HexFormat hex = HexFormat.of();
            return new ReceivedContent(temp, size, hex.formatHex(sha256.result.join()),
                    hex.formatHex(md5.result.join()));
        });
    }

    /** Stops the consumers and deletes the temporary file; safe to call more than once, and after {@link #finish}. */
    public void abort() {
        if (!closed) {
            closed = true;
            for (Stage stage : stages()) {
                stage.queue.add(ABORT);
            }
        }
        StagingSinks.FileSink.deleteQuietly(temp);
    }

    private void dispatch() {
        ByteBuffer batch = filling.flip();
        filling = null;
        synchronized (this) {
            inFlight++;
        }
        Batch shared = new Batch(batch);
        for (Stage stage : stages()) {
            stage.queue.add(shared);
        }
    }

    private synchronized ByteBuffer takeFree() {
        ByteBuffer batch = free.poll();
        return batch != null ? batch : ByteBuffer.allocate(BATCH);
    }

    private void release(Batch batch) {
        if (batch.consumers.decrementAndGet() > 0) {
            return;
        }
        Runnable resume = null;
        synchronized (this) {
            inFlight--;
            free.push(batch.data.clear());
            if (drained != null && inFlight <= RESUME_AT) {
                resume = drained;
                drained = null;
            }
        }
        if (resume != null) {
            resume.run();
        }
    }

    private void failed(Throwable e) {
        Runnable resume;
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
            resume = drained;
            drained = null;
        }
        if (resume != null) {
            resume.run();
        }
    }

    private void checkFailure() throws IOException {
        Throwable e = failure;
        if (e != null) {
            throw e instanceof IOException io ? io : new IOException("staging the upload failed", e);
        }
    }

    private List<Stage> stages() {
        return List.of(writer, sha256, md5);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from this JVM", e);
        }
    }

    /** One batch, shared read-only by the three consumers. */
    private record Batch(ByteBuffer data, AtomicInteger consumers) {
        Batch(ByteBuffer data) {
            this(data, new AtomicInteger(3));
        }
    }

    /** One consumer thread: takes batches from its queue until END or ABORT. */
    private final class Stage implements Runnable {
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final String name;
        private final StagingSinks.Sink sink;

        Stage(String name, StagingSinks.Sink sink) {
            this.name = name;
            this.sink = sink;
        }

        @Override
        public void run() {
            String threadName = Thread.currentThread().getName();
            Thread.currentThread().setName("upload-" + name); // 15 characters at most: top -H shows them whole
            try {
                while (true) {
                    Object message = queue.take();
                    if (message == END) {
                        result.complete(sink.finish());
                        return;
                    }
                    if (message == ABORT) {
                        sink.abort();
                        result.cancel(false);
                        return;
                    }
                    Batch batch = (Batch) message;
                    try {
                        sink.accept(batch.data.duplicate());
                    } finally {
                        release(batch);
                    }
                }
            } catch (Throwable e) {
                sink.abort();
                result.completeExceptionally(e);
                failed(e);
            } finally {
                Thread.currentThread().setName(threadName);
            }
        }
    }
}
