package dev.stratus.agent.instance;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.agent.image.CachedImage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local files of each instance, in {@code <state-dir>/instances/<id>/}: {@code disk.qcow2}, a qcow2 overlay
 * on the cached base image, and {@code console.log}, the guest's serial console; while a resize or rebuild needs
 * them, copies of the root disk beside it ({@code disk-*.qcow2}, see {@link RootDiskCopies}). Directories are 0755 so
 * the QEMU user can reach them.
 */
@Singleton
public class InstanceFiles {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Set<String> BASE_FORMATS = Set.of("qcow2", "raw");
    /** The most of a console log one read returns (its end), so a chatty guest cannot exhaust the heap. */
    public static final long MAX_CONSOLE_BYTES = 16L * 1024 * 1024;

    private final Path instancesDir;
    private final QemuImg qemuImg;

    @Inject
    public InstanceFiles(AgentConfig config) {
        this(config.stateDir().resolve("instances"), new QemuImg());
    }

    public InstanceFiles(Path instancesDir, QemuImg qemuImg) {
        this.instancesDir = instancesDir.toAbsolutePath().normalize();
        this.qemuImg = qemuImg;
    }

    /** Whether {@code candidate} can name an instance here (an id that is safe as one path element). */
    public static boolean isInstanceId(String candidate) {
        return candidate != null && SAFE_ID.matcher(candidate).matches();
    }

    public Path directory(String instanceId) {
        if (!isInstanceId(instanceId)) {
            throw new IllegalArgumentException("not an instance id: " + instanceId);
        }
        return instancesDir.resolve(instanceId);
    }

    public Path disk(String instanceId) {
        return directory(instanceId).resolve("disk.qcow2");
    }

    /** The cached kernel and ramdisk files the instance boots from, one per line (absent for a BIOS boot). */
    public Path bootFiles(String instanceId) {
        return directory(instanceId).resolve("boot-files");
    }

    /** The kernel and ramdisk the instance boots from, in that order; empty for a BIOS boot. */
    public List<Path> bootImages(String instanceId) {
        Path boot = bootFiles(instanceId);
        try {
            return Files.exists(boot) ? Files.readAllLines(boot).stream().filter(l -> !l.isBlank()).map(Path::of)
                    .toList() : List.of();
        } catch (IOException e) {
            throw new InstanceFilesException("cannot read the boot files of instance " + instanceId + ": " + e, e);
        }
    }

    public Path consoleLog(String instanceId) {
        return directory(instanceId).resolve("console.log");
    }

    public boolean exist(String instanceId) {
        return SAFE_ID.matcher(instanceId).matches() && Files.isDirectory(directory(instanceId));
    }

    /** Creates the instance's directory (0755) if it is missing; returns it. */
    public Path createDirectory(String instanceId) {
        Path dir = directory(instanceId);
        try {
            ensureDirectory(instancesDir);
            ensureDirectory(dir);
        } catch (IOException e) {
            throw new InstanceFilesException("cannot create the directory of instance " + instanceId + ": " + e, e);
        }
        return dir;
    }

    /** The directories of all instances that have files here; the caller closes the stream. */
    public Stream<Path> instanceDirectories() {
        if (!Files.isDirectory(instancesDir)) {
            return Stream.empty();
        }
        try {
            return Files.list(instancesDir).filter(Files::isDirectory)
                    .filter(d -> SAFE_ID.matcher(d.getFileName().toString()).matches());
        } catch (IOException e) {
            throw new InstanceFilesException("cannot list " + instancesDir + ": " + e, e);
        }
    }

    /**
     * Creates the instance directory, its overlay disk and an empty console log, keeping whatever already exists
     * (idempotent: a retried spawn reuses the disk it made before).
     */
    public void prepare(String instanceId, CachedImage base, int diskGb, List<Path> bootImages) {
        String baseFormat = base.diskFormat() == null ? "raw" : base.diskFormat();
        if (!BASE_FORMATS.contains(baseFormat)) {
            throw new InstanceFilesException("image " + base.imageId() + " has disk_format " + baseFormat
                    + "; a root disk must be qcow2 or raw");
        }
        Path dir = directory(instanceId);
        try {
            ensureDirectory(instancesDir);
            ensureDirectory(dir);
            Path disk = disk(instanceId);
            if (!Files.exists(disk)) {
                Path partial = dir.resolve("disk.qcow2.part");
                Files.deleteIfExists(partial);
                qemuImg.createOverlay(base.file(), baseFormat, partial, diskGb);
                Files.move(partial, disk);
            }
            if (!bootImages.isEmpty()) {
                Files.write(bootFiles(instanceId), bootImages.stream().map(Path::toString).toList());
            } else {
                Files.deleteIfExists(bootFiles(instanceId)); // a rebuild from a disk image that boots by itself
            }
            Path console = consoleLog(instanceId);
            if (!Files.exists(console)) {
                Files.createFile(console);
                Files.setPosixFilePermissions(console, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException e) {
            throw new InstanceFilesException("cannot prepare files of instance " + instanceId + ": " + e, e);
        }
    }

    /**
     * Reads the console log, or its last {@code tailBytes} bytes, at most the last {@link #MAX_CONSOLE_BYTES};
     * an empty array if the guest wrote nothing yet, empty if the instance has no files here.
     */
    public Optional<byte[]> readConsole(String instanceId, Long tailBytes) {
        Path console = consoleLog(instanceId);
        try (var channel = Files.newByteChannel(console)) {
            long size = channel.size();
            long wanted = Math.min(tailBytes == null ? size : tailBytes, MAX_CONSOLE_BYTES);
            long start = Math.max(0, size - wanted);
            channel.position(start);
            var buffer = ByteBuffer.allocate((int) (size - start));
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = channel.read(buffer);
            }
            return Optional.of(Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (NoSuchFileException e) {
            return exist(instanceId) ? Optional.of(new byte[0]) : Optional.empty();
        } catch (IOException e) {
            throw new InstanceFilesException("cannot read console of instance " + instanceId + ": " + e, e);
        }
    }

    /**
     * The cached image files instances here use: the backing file of each overlay and of each copy of one kept for a
     * resize or rebuild (read from its qcow2 header) and each direct-boot kernel and ramdisk (also those of a disk a
     * rebuild set aside). The image cache never evicts them.
     */
    public Set<Path> imagesInUse() {
        Set<Path> used = new HashSet<>();
        try (Stream<Path> dirs = instanceDirectories()) {
            for (Path dir : dirs.toList()) {
                try (Stream<Path> disks = Files.list(dir)) {
                    for (Path disk : disks.filter(InstanceFiles::isRootDisk).toList()) {
                        QcowHeader.backingFile(disk).ifPresent(f -> used.add(f.toAbsolutePath().normalize()));
                    }
                    for (String name : List.of("boot-files", RootDiskCopies.BOOT_FILES_BEFORE_REBUILD)) {
                        Path boot = dir.resolve(name);
                        if (Files.exists(boot)) {
                            Files.readAllLines(boot).stream().filter(line -> !line.isBlank())
                                    .forEach(line -> used.add(Path.of(line).toAbsolutePath().normalize()));
                        }
                    }
                } catch (NoSuchFileException e) {
                    // removed meanwhile: it uses nothing any more
                } catch (IOException e) {
                    throw new InstanceFilesException("cannot read which images " + dir + " uses: " + e, e);
                }
            }
        }
        return used;
    }

    /** Removes the instance directory and everything in it; nothing happens if it is absent. */
    public void remove(String instanceId) {
        Path dir = directory(instanceId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new InstanceFilesException("cannot remove files of instance " + instanceId + ": " + e, e);
        }
    }

    /** {@code disk.qcow2} or a copy of it ({@code disk-*.qcow2}). */
    private static boolean isRootDisk(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("disk") && name.endsWith(".qcow2") && Files.isRegularFile(file);
    }

    private static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
