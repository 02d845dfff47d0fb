package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.platform.events.EventCodec;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps an instance's snapshots on disk next to its files until the control plane has their end:
 * {@code snapshots/<image-id>.json} (the request, written before the Kafka offset of the event is committed) and,
 * once the snapshot is over, {@code snapshots/<image-id>.outcome.json} (the {@link InstanceTaskFinished} to publish,
 * written before it is published). An agent that dies during a snapshot runs it again after a restart; one that dies
 * before publishing the outcome publishes that same outcome (same event id). Both files go once the broker has the
 * outcome, and with the instance's directory when it is removed. Every file is replaced atomically.
 */
@Singleton
public class SnapshotJournal {
    private static final Logger LOG = Logger.getLogger(SnapshotJournal.class);
    private static final String DIRECTORY = "snapshots";
    private static final String REQUEST = ".json";
    private static final String OUTCOME = ".outcome.json";
    private static final Pattern IMAGE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final InstanceFiles files;

    public SnapshotJournal(InstanceFiles files) {
        this.files = files;
    }

    /** Whether {@code candidate} can name a snapshot's image here (one path element without dots). */
    public static boolean isImageId(String candidate) {
        return candidate != null && IMAGE_ID.matcher(candidate).matches();
    }

    public void requested(InstanceSnapshotRequested request) {
        Path dir = files.createDirectory(request.instanceId()).resolve(DIRECTORY);
        write(dir, request.imageId() + REQUEST, EventCodec.encode(request), request.instanceId());
    }

    void finished(InstanceTaskFinished outcome) {
        Path dir = files.directory(outcome.instanceId()).resolve(DIRECTORY);
        if (Files.isDirectory(dir)) { // else the instance's files are gone: nothing to resume after a restart
            write(dir, outcome.reference() + OUTCOME, EventCodec.encode(outcome), outcome.instanceId());
        }
    }

    /** Forgets the snapshot to {@code imageId}; never creates the instance's directory again. */
    void reported(String instanceId, String imageId) {
        Path dir = files.directory(instanceId).resolve(DIRECTORY);
        try {
            Files.deleteIfExists(dir.resolve(imageId + OUTCOME));
            Files.deleteIfExists(dir.resolve(imageId + REQUEST));
        } catch (IOException e) {
            LOG.warnf("instance %s: cannot forget snapshot %s: %s", instanceId, imageId, e);
        }
    }

    /** Every recorded snapshot of every instance, oldest request first; unreadable records are logged and skipped. */
    List<SnapshotTask> load() {
        List<SnapshotTask> tasks = new ArrayList<>();
        try (Stream<Path> dirs = files.instanceDirectories()) {
            for (Path dir : dirs.map(d -> d.resolve(DIRECTORY)).filter(Files::isDirectory).toList()) {
                tasks.addAll(read(dir));
            }
        }
        tasks.sort(Comparator.comparing(t -> t.request().requestedAt(),
                Comparator.nullsFirst(Comparator.naturalOrder())));
        return tasks;
    }

    private static List<SnapshotTask> read(Path dir) {
        List<SnapshotTask> tasks = new ArrayList<>();
        try (Stream<Path> records = Files.list(dir)) {
            for (Path file : records.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(REQUEST) || name.endsWith(OUTCOME)) {
                    continue;
                }
                InstanceSnapshotRequested request = decode(file, InstanceSnapshotRequested.class);
                if (request != null) {
                    Path outcome = dir.resolve(name.substring(0, name.length() - REQUEST.length()) + OUTCOME);
                    tasks.add(new SnapshotTask(request, Files.exists(outcome)
                            ? decode(outcome, InstanceTaskFinished.class) : null));
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s, its snapshots are not resumed: %s", dir, e);
        }
        return tasks;
    }

    private static <T> T decode(Path file, Class<T> type) {
        try {
            return EventCodec.decode(type.getSimpleName(), Files.readAllBytes(file)).map(type::cast).orElse(null);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("unreadable %s, ignored: %s", file, e);
            return null;
        }
    }

    private static void write(Path dir, String name, byte[] content, String instanceId) {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(name + ".part");
            Files.write(partial, content);
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record snapshot " + name + " of " + instanceId, e);
        }
    }
}
