package dev.stratus.agent.instance;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test double of {@link QemuImg} for the agent under {@code @QuarkusTest}: runs the real {@code qemu-img}, but a test
 * can {@link #hold} flattens so they begin, then wait until {@link #release}, as a long flatten would. It records
 * whether the disk was still there when each flatten read it.
 */
@Alternative
@Priority(1)
@Singleton
public class GatedQemuImg extends QemuImg {
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile boolean diskGoneDuringFlatten;

    /** Flattens from now on wait for {@link #release}. */
    public void hold() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    /** Waits until a flatten has begun (and is held). */
    public boolean awaitFlattenStarted(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    public boolean diskGoneDuringFlatten() {
        return diskGoneDuringFlatten;
    }

    @Override
    public void flatten(Path disk, Path target) {
        entered.countDown();
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new InstanceFilesException("test gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceFilesException("interrupted", e);
        }
        if (!Files.exists(disk)) {
            diskGoneDuringFlatten = true;
        }
        super.flatten(disk, target);
        if (!Files.exists(disk)) {
            diskGoneDuringFlatten = true;
        }
    }
}
