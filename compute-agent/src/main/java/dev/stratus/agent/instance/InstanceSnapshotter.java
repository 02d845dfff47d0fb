package dev.stratus.agent.instance;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.image.ImageException;
import dev.stratus.agent.image.ImageServiceClient;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.platform.auth.ServiceLogin;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes an image of an instance's disk: flattens the overlay and its base into one self-contained qcow2 in
 * {@code <state-dir>/snapshots/}, streams it to image-service as the data of the requested (queued) image, and
 * deletes the local copy. Idempotent: a repeated request finds the image no longer queued (409) and stops. Runs on
 * the reconcile worker that holds the instance's id (see {@code SnapshotConverger}), so nothing removes the disk
 * while it is read.
 */
@Singleton
public class InstanceSnapshotter {
    private static final Logger LOG = Logger.getLogger(InstanceSnapshotter.class);

    private final InstanceFiles files;
    private final QemuImg qemuImg;
    private final ImageServiceClient images;
    private final Path dir;

    @Inject
    public InstanceSnapshotter(InstanceFiles files, QemuImg qemuImg, AgentConfig config, ServiceLogin token) {
        this(files, qemuImg, new ImageServiceClient(config.imageServiceUrl(), token),
                config.stateDir().resolve("snapshots"));
    }

    public InstanceSnapshotter(InstanceFiles files, QemuImg qemuImg, ImageServiceClient images, Path dir) {
        this.files = files;
        this.qemuImg = qemuImg;
        this.images = images;
        this.dir = dir.toAbsolutePath().normalize();
    }

    /**
     * Uploads the instance's disk as image {@code request.imageId()}; returns true if it did, false if the image had
     * its data already (no longer queued: a snapshot done before).
     *
     * @throws InstanceFilesException if the instance has no disk here or it cannot be flattened
     * @throws ImageException         if image-service does not take the upload
     */
    public boolean snapshot(InstanceSnapshotRequested request) {
        String id = request.instanceId();
        Path disk = files.disk(id);
        if (!Files.exists(disk)) {
            throw new InstanceFilesException("instance " + id + " has no disk on this host");
        }
        long started = System.nanoTime();
        Path target = dir.resolve(request.imageId().replaceAll("[^A-Za-z0-9-]", "_") + ".qcow2");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(target);
            qemuImg.flatten(disk, target);
            long size = Files.size(target);
            boolean uploaded = images.upload(request.imageId(), target);
            LOG.infof("snapshot of instance %s %s image %s (%d bytes) in %d ms", id,
                    uploaded ? "uploaded as" : "already in", request.imageId(), size,
                    (System.nanoTime() - started) / 1_000_000);
            return uploaded;
        } catch (IOException e) {
            throw new ImageException("snapshot of instance " + id + " failed: " + e, e);
        } finally {
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                LOG.warnf("cannot delete %s: %s", target, e);
            }
        }
    }
}
