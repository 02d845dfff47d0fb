package dev.stratus.image.store;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that consume staged uploads ({@link StagedUpload}): three per running upload (file, SHA-256, MD5),
 * created on demand and kept a minute when idle. Not the Quarkus worker pool: these threads live as long as an
 * upload streams, which would starve request handling.
 */
@ApplicationScoped
public class UploadThreads {
    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "image-upload-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    ExecutorService executor() {
        return threads;
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
