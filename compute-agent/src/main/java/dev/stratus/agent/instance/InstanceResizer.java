package dev.stratus.agent.instance;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.contracts.InstancePlaced;
import jakarta.inject.Singleton;

import java.nio.file.Files;

/**
 * Changes the flavor of an instance whose domain is shut off, on the same host: a resize keeps a copy of the root
 * disk ({@link RootDiskCopies#beforeResize}), grows the disk to the new flavor's size (never shrinks it) and defines
 * the domain with the new vCPUs, RAM and cgroup limits; a revert puts the copy back and defines the domain with the
 * old flavor; a confirmation drops the copy. Each step is idempotent; starting the domain again is the caller's.
 */
@Singleton
public class InstanceResizer {
    private final ComputeDriver driver;
    private final InstanceSpawner spawner;
    private final RootDiskCopies copies;

    public InstanceResizer(ComputeDriver driver, InstanceSpawner spawner, RootDiskCopies copies) {
        this.driver = driver;
        this.spawner = spawner;
        this.copies = copies;
    }

    /** Resizes to {@code resized}'s flavor (the instance's placement with the new flavor). */
    public void resize(InstancePlaced resized) {
        String id = resized.instanceId();
        copies.keepBeforeResize(id);
        copies.grow(id, resized.flavor().diskGb());
        driver.redefine(spawner.respec(resized));
    }

    /**
     * Puts the disk kept by the resize back and defines the domain with {@code reverted}'s flavor (the one that
     * stays). The copy stays until {@link #forgetCopy}, so that a revert repeated after a restart finds it again.
     *
     * @throws InstanceFilesException if no copy is kept (then nothing changed)
     */
    public void revert(InstancePlaced reverted) {
        copies.restoreBeforeResize(reverted.instanceId());
        driver.redefine(spawner.respec(reverted));
    }

    /** Undoes a resize that failed half-way: as {@link #revert}, tolerating a copy not made yet; drops the copy. */
    public void undo(InstancePlaced before) {
        String id = before.instanceId();
        if (hasCopy(id)) {
            copies.restoreBeforeResize(id);
        }
        driver.redefine(spawner.respec(before));
        copies.dropBeforeResize(id);
    }

    public boolean hasCopy(String instanceId) {
        return Files.exists(copies.beforeResize(instanceId));
    }

    /** The resize is confirmed or reverted: the copy of the old disk goes. */
    public void forgetCopy(String instanceId) {
        copies.dropBeforeResize(instanceId);
    }
}
