package dev.stratus.agent.image;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageCacheTest {
    @TempDir
    Path stateDir;
    private ImageServer server;
    private ImageCache cache;

    @BeforeEach
    void start() throws IOException {
        server = new ImageServer();
        cache = new ImageCache(new ImageServiceClient(server.url()), stateDir.resolve("images"), Long.MAX_VALUE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void cachesAnImageByItsChecksumAndDownloadsItOnce() throws IOException {
        byte[] content = randomBytes(300_000);
        String sha = server.add("img-1", "qcow2", content);

        CachedImage first = cache.fetch("img-1");
        CachedImage second = cache.fetch("img-1");

        assertEquals(stateDir.resolve("images").resolve(sha), first.file());
        assertEquals(sha, first.sha256());
        assertEquals("qcow2", first.diskFormat());
        assertArrayEquals(content, Files.readAllBytes(first.file()));
        assertEquals(first, second);
        assertEquals(1, server.downloads("img-1"));
    }

    @Test
    void anotherImageIdWithTheSameBytesReusesTheCachedFile() {
        byte[] content = randomBytes(10_000);
        server.add("img-a", "raw", content);
        server.add("img-b", "raw", content);

        assertEquals(cache.fetch("img-a").file(), cache.fetch("img-b").file());
        assertEquals(0, server.downloads("img-b"));
    }

    @Test
    void aNewCacheOnTheSameDirectoryDownloadsNothing() {
        server.add("img-2", "raw", randomBytes(5_000));
        cache.fetch("img-2");

        ImageCache restarted = new ImageCache(new ImageServiceClient(server.url()), stateDir.resolve("images"), Long.MAX_VALUE);
        restarted.fetch("img-2");

        assertEquals(1, server.downloads("img-2"));
    }

    @Test
    void concurrentFetchesOfOneImageDownloadItOnce() throws Exception {
        server.add("img-3", "raw", randomBytes(2_000_000));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CachedImage>> fetches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                fetches.add(pool.submit(() -> cache.fetch("img-3")));
            }
            for (Future<CachedImage> fetch : fetches) {
                assertTrue(Files.exists(fetch.get().file()));
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, server.downloads("img-3"));
    }

    @Test
    void aChecksumMismatchFailsAndLeavesNoFile() throws IOException {
        server.addCorrupt("bad", randomBytes(50_000));

        ImageException error = assertThrows(ImageException.class, () -> cache.fetch("bad"));

        assertTrue(error.getMessage().contains("checksum mismatch"), error.getMessage());
        try (Stream<Path> files = Files.list(stateDir.resolve("images"))) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void anImageThatIsNotActiveOrUnknownIsAnError() {
        server.addQueued("queued");

        assertTrue(assertThrows(ImageException.class, () -> cache.fetch("queued")).getMessage()
                .contains("not active"));
        assertTrue(assertThrows(ImageException.class, () -> cache.fetch("missing")).getMessage()
                .contains("404"));
    }

    @Test
    void unusedImagesAreEvictedLeastRecentlyUsedFirstAndUsedOnesNever() throws Exception {
        ImageCache capped = new ImageCache(new ImageServiceClient(server.url()), stateDir.resolve("capped"), 250_000);
        server.add("old", "raw", randomBytes(100_001));
        server.add("used", "raw", randomBytes(100_002));
        server.add("new", "raw", randomBytes(100_003));
        Path old = fetchAndRelease(capped, "old");
        Path used = fetchAndRelease(capped, "used");
        Files.setLastModifiedTime(used, java.nio.file.attribute.FileTime.fromMillis(0)); // least recently used
        Path fresh = fetchAndRelease(capped, "new");

        assertEquals(List.of(old), capped.evictUnused(java.util.Set.of(used)));
        assertTrue(Files.exists(used) && Files.exists(fresh));
        assertEquals(List.of(), capped.evictUnused(java.util.Set.of(used)), "within the cap now");

        CachedImage pinned = capped.fetch("old"); // downloads it again, and pins it
        assertEquals(2, server.downloads("old"));
        assertEquals(List.of(fresh), capped.evictUnused(java.util.Set.of(used)), "pinned and in use are kept");
        capped.unpin(pinned.file());
        Thread.sleep(20);
        fetchAndRelease(capped, "new");
        assertEquals(List.of(old), capped.evictUnused(java.util.Set.of(used)));
        assertTrue(Files.exists(used), "an image in use is never evicted");
    }

    private static Path fetchAndRelease(ImageCache cache, String id) throws InterruptedException {
        Path file = cache.fetch(id).file();
        cache.unpin(file);
        Thread.sleep(20); // distinct modification times
        return file;
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
