package dev.stratus.agent.instance;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.contracts.InstancePlaced;
import jakarta.inject.Singleton;

/**
 * Gives an instance whose domain is shut off a fresh root disk from an image: the old disk is set aside
 * ({@link RootDiskCopies#beforeRebuild}), a new overlay of the flavor's size is made from the image through the image
 * cache (with the image's kernel and ramdisk for a direct boot), and the domain is defined with it. Its id, name and
 * NICs (MACs) stay. Each step is idempotent; starting the domain again is the caller's.
 */
@Singleton
public class InstanceRebuilder {
    private final ComputeDriver driver;
    private final InstanceSpawner spawner;
    private final RootDiskCopies copies;

    public InstanceRebuilder(ComputeDriver driver, InstanceSpawner spawner, RootDiskCopies copies) {
        this.driver = driver;
        this.spawner = spawner;
        this.copies = copies;
    }

    /** Rebuilds from {@code rebuilt}'s image and flavor (the instance's placement with them). */
    public void rebuild(InstancePlaced rebuilt) {
        copies.setAsideForRebuild(rebuilt.instanceId());
        driver.redefine(spawner.prepare(rebuilt));
    }

    /**
     * Undoes a rebuild that failed: the old disk and its boot files come back and the domain is defined from
     * {@code before} again (nothing is fetched).
     */
    public void undo(InstancePlaced before) {
        copies.restoreBeforeRebuild(before.instanceId());
        driver.redefine(spawner.respec(before));
    }

    /** The rebuild is over: the old disk goes. */
    public void forgetOldDisk(String instanceId) {
        copies.dropBeforeRebuild(instanceId);
    }
}
