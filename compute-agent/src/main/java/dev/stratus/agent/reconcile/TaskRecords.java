package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.platform.events.EventCodec;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of one kind of task in every instance's directory ({@code <instance>/<kind>/}), named by the task's key:
 * {@code <key>.json} holds the request (written before the Kafka offset of its event is committed) and
 * {@code <key>.outcome.json} the {@link InstanceTaskFinished} to publish (written before it is published). Every file
 * is replaced atomically; everything goes with the instance's directory. The journals of snapshots and of domain
 * tasks are this, with their own keys and request types.
 */
final class TaskRecords {
    private static final Logger LOG = Logger.getLogger(TaskRecords.class);
    static final String REQUEST = ".json";
    static final String OUTCOME = ".outcome.json";
    /** What a key may hold: one path element without dots (a reference, an image id). */
    private static final Pattern KEY_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    /** Reads one pending task from its request file and its key; null when the file is not a task's. */
    interface Reader<T> {
        T read(Path request, String key, InstanceTaskFinished outcome);
    }

    private final InstanceFiles files;
    private final String kind;

    TaskRecords(InstanceFiles files, String kind) {
        this.files = files;
        this.kind = kind;
    }

    /** Whether {@code candidate} can be part of a key here. */
    static boolean isKeyPart(String candidate) {
        return candidate != null && KEY_PART.matcher(candidate).matches();
    }

    /** The instance's records directory (it may not exist). */
    Path directory(String instanceId) {
        return files.directory(instanceId).resolve(kind);
    }

    /** Records a request, creating the instance's directory if needed. */
    void request(String instanceId, String key, Object request) {
        write(files.createDirectory(instanceId).resolve(kind), key + REQUEST, EventCodec.encode(request), instanceId);
    }

    /** Records an outcome, unless the instance's files are gone (then there is nothing to resume after a restart). */
    void outcome(String instanceId, String key, InstanceTaskFinished outcome) {
        Path dir = directory(instanceId);
        if (Files.isDirectory(dir)) {
            write(dir, key + OUTCOME, EventCodec.encode(outcome), instanceId);
        }
    }

    /** Deletes the request and the outcome of {@code key}; never creates the instance's directory. */
    void forget(String instanceId, String key) throws IOException {
        Path dir = directory(instanceId);
        Files.deleteIfExists(dir.resolve(key + OUTCOME));
        Files.deleteIfExists(dir.resolve(key + REQUEST));
    }

    /** Every pending task of every instance, in no order; unreadable records are logged and skipped. */
    <T> List<T> load(Reader<T> reader) {
        List<T> tasks = new ArrayList<>();
        try (Stream<Path> dirs = files.instanceDirectories()) {
            for (Path dir : dirs.map(d -> d.resolve(kind)).filter(Files::isDirectory).toList()) {
                tasks.addAll(read(dir, reader));
            }
        }
        return tasks;
    }

    private static <T> List<T> read(Path dir, Reader<T> reader) {
        List<T> tasks = new ArrayList<>();
        try (Stream<Path> records = Files.list(dir)) {
            for (Path file : records.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(REQUEST) || name.endsWith(OUTCOME)) {
                    continue;
                }
                String key = name.substring(0, name.length() - REQUEST.length());
                Path outcome = dir.resolve(key + OUTCOME);
                T task = reader.read(file, key, Files.exists(outcome)
                        ? decode(outcome, InstanceTaskFinished.class).orElse(null) : null);
                if (task != null) {
                    tasks.add(task);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s, its tasks are not resumed: %s", dir, e);
        }
        return tasks;
    }

    /** The event a record holds, or empty (logged) when it is unreadable or of another type. */
    static <T> Optional<T> decode(Path file, Class<T> type) {
        try {
            return EventCodec.decode(type.getSimpleName(), Files.readAllBytes(file)).map(type::cast);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("unreadable %s, ignored: %s", file, e);
            return Optional.empty();
        }
    }

    private static void write(Path dir, String name, byte[] content, String instanceId) {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(name + ".part");
            Files.write(partial, content);
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + name + " of instance " + instanceId, e);
        }
    }
}
