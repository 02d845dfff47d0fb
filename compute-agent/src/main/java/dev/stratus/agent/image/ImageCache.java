package dev.stratus.agent.image;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.platform.auth.ServiceLogin;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Local cache of image files, keyed by their sha256: {@code <state-dir>/images/<sha256>}. A file appears there
 * only after its checksum was verified (download to a temporary file, verify, atomic rename), so a present file
 * is a good file and a second instance of the same image downloads nothing. Concurrent fetches of one image
 * download it once.
 */
@Singleton
public class ImageCache {
    private static final Logger LOG = Logger.getLogger(ImageCache.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String PARTIAL_SUFFIX = ".part";

    private final ImageServiceClient client;
    private final Path dir;
    private final long maxBytes;
    private final Map<Path, Integer> pins = new HashMap<>();
    private final Map<String, ImageMetadata> activeMetadata = new ConcurrentHashMap<>();
    private final Map<String, Object> downloadLocks = new ConcurrentHashMap<>();

    @Inject
    public ImageCache(AgentConfig config, ServiceLogin token) {
        this(new ImageServiceClient(config.imageServiceUrl(), token), config.stateDir().resolve("images"),
                config.imageCacheMaxSize().asLongValue());
    }

    public ImageCache(ImageServiceClient client, Path dir, long maxBytes) {
        this.client = client;
        this.maxBytes = maxBytes;
        this.dir = dir.toAbsolutePath().normalize();
        createDirectory(this.dir);
        removePartialDownloads(this.dir);
    }

    /**
     * Returns the verified local copy of the image, downloading it first if no instance used it yet. The file is
     * pinned (never evicted) until {@link #unpin} is called with it, once an instance's files refer to it.
     */
    public CachedImage fetch(String imageId) {
        ImageMetadata metadata = metadata(imageId);
        String sha256 = metadata.osHashValue();
        Path file = dir.resolve(sha256);
        synchronized (downloadLocks.computeIfAbsent(sha256, k -> new Object())) {
            pin(file);
            try {
                if (!Files.exists(file)) {
                    download(metadata, file);
                }
                Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // used now, for LRU eviction
            } catch (IOException | RuntimeException e) {
                unpin(file);
                throw e instanceof RuntimeException r ? r : new ImageException("image " + imageId + ": " + e, e);
            }
        }
        return new CachedImage(imageId, sha256, metadata.diskFormat(), file);
    }

    /** Ends the pin {@link #fetch} put on the file. */
    public synchronized void unpin(Path file) {
        pins.computeIfPresent(file, (f, n) -> n == 1 ? null : n - 1);
    }

    /**
     * Deletes least recently used cached images until the cache is within its cap, keeping {@code inUse} (files
     * that instances on this host refer to) and pinned files. Returns the files deleted.
     */
    public synchronized List<Path> evictUnused(Set<Path> inUse) {
        Set<Path> keep = new HashSet<>(inUse);
        keep.addAll(pins.keySet());
        return CacheEviction.evict(dir, maxBytes, keep);
    }

    private synchronized void pin(Path file) {
        pins.merge(file, 1, Integer::sum);
    }

    /** Metadata of an active image; images are immutable once active, so it is asked for once per image. */
    private ImageMetadata metadata(String imageId) {
        ImageMetadata known = activeMetadata.get(imageId);
        if (known != null) {
            return known;
        }
        ImageMetadata metadata = client.metadata(imageId);
        if (!metadata.isActive()) {
            throw new ImageException("image " + imageId + " is not active (status " + metadata.status() + ")");
        }
        if (!"sha256".equalsIgnoreCase(metadata.osHashAlgo()) || metadata.osHashValue() == null
                || !SHA256.matcher(metadata.osHashValue()).matches()) {
            throw new ImageException("image " + imageId + " has no sha256 checksum (os_hash_algo "
                    + metadata.osHashAlgo() + ")");
        }
        activeMetadata.put(imageId, metadata);
        return metadata;
    }

    private void download(ImageMetadata metadata, Path file) {
        long started = System.nanoTime();
        Path partial = null;
        try {
            partial = Files.createTempFile(dir, "." + metadata.osHashValue() + ".", PARTIAL_SUFFIX);
            String actual;
            try (InputStream in = new DigestInputStream(client.open(metadata.id()), sha256())) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                actual = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            if (!actual.equals(metadata.osHashValue())) {
                throw new ImageException("image " + metadata.id() + ": checksum mismatch (expected sha256 "
                        + metadata.osHashValue() + ", downloaded " + actual + ")");
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            moveAtomically(partial, file);
            partial = null;
            LOG.infof("cached image %s (%d bytes) as %s in %d ms", metadata.id(), Files.size(file), file,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new ImageException("image " + metadata.id() + ": download failed: " + e, e);
        } finally {
            if (partial != null) {
                deleteQuietly(partial);
            }
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + from + " atomically into " + to, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create image cache " + dir, e);
        }
    }

    private static void removePartialDownloads(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(PARTIAL_SUFFIX)).forEach(ImageCache::deleteQuietly);
        } catch (IOException e) {
            LOG.warnf("cannot list image cache %s: %s", dir, e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e);
        }
    }
}
