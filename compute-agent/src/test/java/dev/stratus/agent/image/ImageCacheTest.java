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
        cache = new ImageCache(new ImageServiceClient(server.url()), stateDir.resolve("images"));
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

        ImageCache restarted = new ImageCache(new ImageServiceClient(server.url()), stateDir.resolve("images"));
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

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
