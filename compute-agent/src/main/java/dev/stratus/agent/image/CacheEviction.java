package dev.stratus.agent.image;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Least-recently-used eviction of the image cache: while the cache holds more than its cap, deletes the cached
 * file used longest ago (its modification time is bumped on every use) that is neither in use by an instance nor
 * pinned by a spawn in progress.
 */
final class CacheEviction {
    private static final Logger LOG = Logger.getLogger(CacheEviction.class);

    private CacheEviction() {
    }

    /** Returns the files deleted. */
    static List<Path> evict(Path dir, long maxBytes, Set<Path> keep) {
        List<Path> deleted = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                entries.add(new Entry(file, Files.size(file), Files.getLastModifiedTime(file)));
            }
        } catch (IOException e) {
            LOG.warnf("cannot list image cache %s: %s", dir, e);
            return deleted;
        }
        long total = entries.stream().mapToLong(Entry::size).sum();
        entries.sort(Comparator.comparing(Entry::lastUsed));
        for (Entry entry : entries) {
            if (total <= maxBytes) {
                break;
            }
            if (keep.contains(entry.file())) {
                continue;
            }
            try {
                Files.deleteIfExists(entry.file());
                total -= entry.size();
                deleted.add(entry.file());
                LOG.infof("evicted cached image %s (%d bytes, last used %s)", entry.file().getFileName(),
                        entry.size(), entry.lastUsed());
            } catch (IOException e) {
                LOG.warnf("cannot evict %s: %s", entry.file(), e);
            }
        }
        if (total > maxBytes) {
            LOG.debugf("image cache holds %d bytes, above its cap of %d, all in use", total, maxBytes);
        }
        return deleted;
    }

    private record Entry(Path file, long size, FileTime lastUsed) {
    }
}
