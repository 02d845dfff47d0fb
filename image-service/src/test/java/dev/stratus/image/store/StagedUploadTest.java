package dev.stratus.image.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three-thread staging pipeline on its own: same bytes and digests as a single pass, bounded in flight. */
class StagedUploadTest {
    private final ExecutorService threads = Executors.newCachedThreadPool();
    @TempDir
    Path dir;

    @Test
    void writesTheBytesAndBothDigestsWhilePausingTheProducerWhenBehind() throws Exception {
        byte[] data = new byte[48 * 1024 * 1024 + 4321];
        new Random(7).nextBytes(data);
        StagedUpload staged = stage(Long.MAX_VALUE);
        int saturations = 0;
        for (int offset = 0; offset < data.length; offset += 8192) {
            staged.write(ByteBuffer.wrap(data, offset, Math.min(8192, data.length - offset)));
            if (staged.saturated()) {
                saturations++;
                CountDownLatch resumed = new CountDownLatch(1);
                staged.whenDrained(resumed::countDown);
                assertTrue(resumed.await(30, TimeUnit.SECONDS), "never drained");
            }
        }
        ReceivedContent received = staged.finish().get(30, TimeUnit.SECONDS);

        assertTrue(saturations > 0, "the producer (no hashing) outruns MD5, so it must have been paused");
        assertEquals(data.length, received.size());
        assertArrayEquals(data, Files.readAllBytes(received.tempFile()));
        assertEquals(hex("SHA-256", data), received.sha256());
        assertEquals(hex("MD5", data), received.md5());
    }

    @Test
    void emptyUploadHasTheDigestsOfNothing() throws Exception {
        ReceivedContent received = stage(10).finish().get(10, TimeUnit.SECONDS);
        assertEquals(0, received.size());
        assertEquals(hex("MD5", new byte[0]), received.md5());
    }

    @Test
    void goingPastTheLimitThrowsAndAbortLeavesNoFile() throws Exception {
        StagedUpload staged = stage(1000);
        staged.write(ByteBuffer.wrap(new byte[600]));
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> staged.write(ByteBuffer.wrap(new byte[600])));
        assertEquals("limit reached", e.getMessage());
        staged.abort();
        assertFalse(Files.exists(staged.tempFile()));
        threads.shutdown();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "consumer threads did not stop on abort");
    }

    private StagedUpload stage(long limit) throws Exception {
        Path temp = dir.resolve("upload.part");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new StagedUpload(temp, channel, new UploadLimit(limit, "limit reached"), threads);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
