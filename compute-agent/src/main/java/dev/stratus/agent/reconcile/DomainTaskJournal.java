package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.StratusEvent;
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
 * Keeps an instance's {@link DomainTask}s on disk next to its files, in {@code domain-tasks/}, named by the task's
 * key ({@code <task>.<reference>}): {@code <key>.json} (the request, written before the Kafka offset of its event is
 * committed), {@code <key>.outcome.json} (the {@link InstanceTaskFinished} to publish, written before it is
 * published) and, once the broker has the outcome, {@code <key>.done}, which alone stays: a redelivered request whose
 * key has any of the three is not run again (delivery is at least once). An agent that dies during a task runs it
 * again after a restart (every step of it is idempotent); one that dies before publishing the outcome publishes that
 * same outcome. Everything goes with the instance's directory. Every file is replaced atomically.
 */
@Singleton
public class DomainTaskJournal {
    private static final Logger LOG = Logger.getLogger(DomainTaskJournal.class);
    private static final String DIRECTORY = "domain-tasks";
    private static final String REQUEST = ".json";
    private static final String OUTCOME = ".outcome.json";
    private static final String DONE = ".done";
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final InstanceFiles files;

    public DomainTaskJournal(InstanceFiles files) {
        this.files = files;
    }

    /** Whether {@code candidate} can be a task's reference here (one path element without dots). */
    public static boolean isReference(String candidate) {
        return candidate != null && REFERENCE.matcher(candidate).matches();
    }

    /** Whether the task was asked for before (pending, finished or done) on this host. */
    public boolean known(DomainTask task) {
        Path dir = files.directory(task.instanceId()).resolve(DIRECTORY);
        return Stream.of(REQUEST, OUTCOME, DONE).anyMatch(suffix -> Files.exists(dir.resolve(task.key() + suffix)));
    }

    public void requested(DomainTask task) {
        Path dir = files.createDirectory(task.instanceId()).resolve(DIRECTORY);
        write(dir, task.key() + REQUEST, EventCodec.encode(task.request()), task);
    }

    void finished(DomainTask task, InstanceTaskFinished outcome) {
        Path dir = files.directory(task.instanceId()).resolve(DIRECTORY);
        if (Files.isDirectory(dir)) { // else the instance's files are gone: nothing to resume after a restart
            write(dir, task.key() + OUTCOME, EventCodec.encode(outcome), task);
        }
    }

    /** The task is over and the control plane knows: only its done marker stays; never creates the directory. */
    void done(DomainTask task) {
        Path dir = files.directory(task.instanceId()).resolve(DIRECTORY);
        try {
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(task.key() + DONE))) {
                Files.createFile(dir.resolve(task.key() + DONE));
            }
            Files.deleteIfExists(dir.resolve(task.key() + OUTCOME));
            Files.deleteIfExists(dir.resolve(task.key() + REQUEST));
        } catch (IOException e) {
            LOG.warnf("instance %s: cannot record %s done: %s", task.instanceId(), task.key(), e);
        }
    }

    /** Every pending task of every instance, oldest request first; unreadable records are logged and skipped. */
    List<DomainTask> load() {
        List<DomainTask> tasks = new ArrayList<>();
        try (Stream<Path> dirs = files.instanceDirectories()) {
            for (Path dir : dirs.map(d -> d.resolve(DIRECTORY)).filter(Files::isDirectory).toList()) {
                tasks.addAll(read(dir));
            }
        }
        tasks.sort(Comparator.comparing(DomainTask::askedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return tasks;
    }

    private static List<DomainTask> read(Path dir) {
        List<DomainTask> tasks = new ArrayList<>();
        try (Stream<Path> records = Files.list(dir)) {
            for (Path file : records.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(REQUEST) || name.endsWith(OUTCOME)) {
                    continue;
                }
                String key = name.substring(0, name.length() - REQUEST.length());
                StratusEvent request = decode(file, requestType(key.substring(0, Math.max(0, key.indexOf('.')))));
                if (request != null && DomainTask.of(request).key().equals(key)) {
                    Path outcome = dir.resolve(key + OUTCOME);
                    tasks.add(DomainTask.of(request).withOutcome(Files.exists(outcome)
                            ? (InstanceTaskFinished) decode(outcome, InstanceTaskFinished.class) : null));
                } else if (request != null) {
                    LOG.warnf("%s does not hold the task its name says, ignored", file);
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot list %s, its tasks are not resumed: %s", dir, e);
        }
        return tasks;
    }

    private static Class<? extends StratusEvent> requestType(String task) {
        return switch (task) {
            case InstanceTaskFinished.RESIZE -> InstanceResizeClaimed.class;
            case InstanceTaskFinished.REVERT_RESIZE, DomainTask.CONFIRM_RESIZE -> InstanceResizeSettled.class;
            case InstanceTaskFinished.REBUILD -> InstanceRebuildRequested.class;
            default -> null;
        };
    }

    private static StratusEvent decode(Path file, Class<? extends StratusEvent> type) {
        if (type == null) {
            LOG.warnf("%s is no task record, ignored", file);
            return null;
        }
        try {
            return EventCodec.decode(type.getSimpleName(), Files.readAllBytes(file)).map(type::cast).orElse(null);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("unreadable %s, ignored: %s", file, e);
            return null;
        }
    }

    private static void write(Path dir, String name, byte[] content, DomainTask task) {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(name + ".part");
            Files.write(partial, content);
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record " + name + " of instance " + task.instanceId(), e);
        }
    }
}
