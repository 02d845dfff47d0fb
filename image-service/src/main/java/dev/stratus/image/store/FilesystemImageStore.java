package dev.stratus.image.store;

import dev.stratus.image.config.ImageServiceConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The filesystem image store: content-addressed files {@code <root>/<sha256[0:2]>/<sha256>}, written first to
 * {@code <root>/tmp/} and renamed into place, so a file under its hash is always complete.
 * Callers serialise {@link #commit} and {@link #remove} of one hash (see {@link ImageRepository#lockContent}).
 * The default {@link ImageStore}.
 */
@ApplicationScoped
public class FilesystemImageStore implements ImageStore {
    private static final Logger LOG = Logger.getLogger(FilesystemImageStore.class);

    private final Path root;
    private final Path tmp;
    private final UploadThreads threads;

    public FilesystemImageStore(ImageServiceConfig config, UploadThreads threads) {
        this.threads = threads;
        this.root = config.storeDir().toAbsolutePath();
        this.tmp = root.resolve("tmp");
    }

    /** Creates the store directories. */
    void start(@Observes StartupEvent event) throws IOException {
        Files.createDirectories(tmp);
        LOG.infof("image store at %s", root);
    }

    @Override
    public long dropTemporaryFiles() throws IOException {
        Files.createDirectories(tmp);
        try (Stream<Path> leftovers = Files.list(tmp)) {
            return leftovers.peek(FilesystemImageStore::deleteQuietly).count();
        }
    }

    @Override
    public StagedUpload stage(UploadLimit limit) throws IOException {
        Path temp = tmp.resolve(UUID.randomUUID() + ".part");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new StagedUpload(temp, channel, limit, threads.executor());
    }

    /** Moves received content to its content address; when that file exists already, keeps it (dedupe). */
    @Override
    public void commit(ReceivedContent content) throws IOException {
        Path target = localFile(content.sha256());
        try {
            if (Files.exists(target)) {
                Files.delete(content.tempFile());
                return;
            }
            Files.createDirectories(target.getParent());
            Files.move(content.tempFile(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(content.tempFile());
        } catch (IOException | RuntimeException e) {
            deleteQuietly(content.tempFile());
            throw e;
        }
    }

    @Override
    public void discard(ReceivedContent content) {
        deleteQuietly(content.tempFile());
    }

    /** The file holding the data with this sha256 (it may not exist). */
    @Override
    public Path localFile(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public InputStream open(String sha256, long offset) throws IOException {
        InputStream in = Files.newInputStream(localFile(sha256));
        in.skipNBytes(offset);
        return in;
    }

    @Override
    public void remove(String sha256) {
        try {
            Files.deleteIfExists(localFile(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove image data " + sha256, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
        }
    }
}
