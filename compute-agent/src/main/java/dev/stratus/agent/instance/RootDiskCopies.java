package dev.stratus.agent.instance;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The copies of an instance's root disk ({@code disk.qcow2}) that a resize and a rebuild keep beside it so that they
 * can be undone, and the growing of the disk:
 * <ul>
 * <li>{@code disk-before-resize.qcow2}: the disk as it was before a resize, kept until the resize is confirmed
 * (deleted) or reverted (put back);</li>
 * <li>{@code disk-before-rebuild.qcow2}: the disk a rebuild replaces, kept until the rebuild is over (deleted) or
 * failed (put back), with {@code boot-files-before-rebuild}, the kernel and ramdisk it booted from (empty for a BIOS
 * boot), so that a failed rebuild is undone without asking image-service for anything.</li>
 * </ul>
 * Every step expects the domain off, is idempotent and leaves either the old or the new file in place (a copy goes to
 * a {@code .part} file first, then is renamed), so a step repeated after an agent restart finds the files as the
 * first attempt left them. The copies go with the instance's directory when it is removed; both are backed by a
 * cached image, which {@link InstanceFiles#imagesInUse} therefore counts as in use.
 */
@Singleton
public class RootDiskCopies {
    private static final long GIB = 1024L * 1024 * 1024;
    private static final String BEFORE_RESIZE = "disk-before-resize.qcow2";
    private static final String BEFORE_REBUILD = "disk-before-rebuild.qcow2";
    /** The boot files ({@link InstanceFiles#bootFiles}) of the disk a rebuild set aside. */
    static final String BOOT_FILES_BEFORE_REBUILD = "boot-files-before-rebuild";

    private final InstanceFiles files;
    private final QemuImg qemuImg;

    public RootDiskCopies(InstanceFiles files, QemuImg qemuImg) {
        this.files = files;
        this.qemuImg = qemuImg;
    }

    /** The copy of the disk kept by a resize until it is confirmed or reverted. */
    public Path beforeResize(String instanceId) {
        return files.directory(instanceId).resolve(BEFORE_RESIZE);
    }

    /** The disk a rebuild replaced, kept until the rebuild is over. */
    public Path beforeRebuild(String instanceId) {
        return files.directory(instanceId).resolve(BEFORE_REBUILD);
    }

    /** Copies the disk to {@link #beforeResize}, unless a copy is kept already (a resize begun before). */
    public void keepBeforeResize(String instanceId) {
        Path kept = beforeResize(instanceId);
        if (!Files.exists(kept)) {
            copy(files.disk(instanceId), kept, instanceId);
        }
    }

    /** Puts the copy kept by the resize back as the disk; the copy stays until {@link #dropBeforeResize}. */
    public void restoreBeforeResize(String instanceId) {
        Path kept = beforeResize(instanceId);
        if (!Files.exists(kept)) {
            throw new InstanceFilesException("no copy of the disk of instance " + instanceId
                    + " from before its resize is kept on this host");
        }
        copy(kept, files.disk(instanceId), instanceId);
    }

    public void dropBeforeResize(String instanceId) {
        delete(beforeResize(instanceId), instanceId);
    }

    /** Grows the disk to {@code sizeGb} GiB if it is smaller; a disk as large or larger stays as it is. */
    public void grow(String instanceId, int sizeGb) {
        Path disk = files.disk(instanceId);
        long wanted = sizeGb * GIB;
        if (sizeGb > 0 && qemuImg.virtualSize(disk) < wanted) {
            qemuImg.grow(disk, sizeGb);
        }
    }

    /**
     * Moves the disk to {@link #beforeRebuild} and copies its boot files beside it, unless a rebuild did so already;
     * no disk is then left.
     */
    public void setAsideForRebuild(String instanceId) {
        Path disk = files.disk(instanceId);
        Path aside = beforeRebuild(instanceId);
        if (!Files.exists(aside) && Files.exists(disk)) {
            Path boot = files.bootFiles(instanceId);
            Path bootAside = bootFilesBeforeRebuild(instanceId);
            if (Files.exists(boot)) {
                copy(boot, bootAside, instanceId);
            } else {
                write(bootAside, instanceId);
            }
            move(disk, aside, instanceId);
        }
    }

    /**
     * Puts the disk a rebuild set aside back (replacing a new one) with the boot files it had; nothing happens if
     * none is set aside.
     */
    public void restoreBeforeRebuild(String instanceId) {
        Path bootAside = bootFilesBeforeRebuild(instanceId);
        try {
            if (Files.exists(bootAside) && Files.size(bootAside) == 0) {
                Files.deleteIfExists(files.bootFiles(instanceId));
                Files.delete(bootAside);
            } else if (Files.exists(bootAside)) {
                move(bootAside, files.bootFiles(instanceId), instanceId);
            }
        } catch (IOException e) {
            throw new InstanceFilesException("cannot put the boot files of instance " + instanceId + " back: " + e,
                    e);
        }
        Path aside = beforeRebuild(instanceId);
        if (Files.exists(aside)) {
            move(aside, files.disk(instanceId), instanceId);
        }
    }

    public void dropBeforeRebuild(String instanceId) {
        delete(beforeRebuild(instanceId), instanceId);
        delete(bootFilesBeforeRebuild(instanceId), instanceId);
    }

    private Path bootFilesBeforeRebuild(String instanceId) {
        return files.directory(instanceId).resolve(BOOT_FILES_BEFORE_REBUILD);
    }

    private static void copy(Path from, Path to, String instanceId) {
        Path partial = to.resolveSibling(to.getFileName() + ".part");
        try {
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InstanceFilesException("cannot copy " + from.getFileName() + " of instance " + instanceId
                    + " to " + to.getFileName() + ": " + e, e);
        }
    }

    private static void write(Path empty, String instanceId) {
        Path partial = empty.resolveSibling(empty.getFileName() + ".part");
        try {
            Files.write(partial, new byte[0]);
            Files.move(partial, empty, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InstanceFilesException("cannot write " + empty.getFileName() + " of instance " + instanceId
                    + ": " + e, e);
        }
    }

    private static void move(Path from, Path to, String instanceId) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new InstanceFilesException("cannot move " + from.getFileName() + " of instance " + instanceId
                    + " to " + to.getFileName() + ": " + e, e);
        }
    }

    private static void delete(Path file, String instanceId) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new InstanceFilesException("cannot delete " + file.getFileName() + " of instance " + instanceId
                    + ": " + e, e);
        }
    }
}
