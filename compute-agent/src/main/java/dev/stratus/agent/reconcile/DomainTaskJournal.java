package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceResizeClaimed;
import dev.stratus.contracts.InstanceResizeSettled;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.StratusEvent;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps an instance's {@link DomainTask}s on disk next to its files, in {@code domain-tasks/}, named by the task's
 * key ({@code <task>.<reference>}): {@code <key>.json} (the request, written before the Kafka offset of its event is
 * committed), {@code <key>.outcome.json} (the {@link InstanceTaskFinished} to publish, written before it is
 * published) and, once the broker has the outcome, {@code <key>.done}, which alone stays: a redelivered request whose
 * key has any of the three is not run again (delivery is at least once). An agent that dies during a task runs it
 * again after a restart (every step of it is idempotent); one that dies before publishing the outcome publishes that
 * same outcome. Everything goes with the instance's directory ({@link TaskRecords}).
 */
@Singleton
public class DomainTaskJournal {
    private static final Logger LOG = Logger.getLogger(DomainTaskJournal.class);
    private static final String DONE = ".done";

    private final TaskRecords records;

    public DomainTaskJournal(InstanceFiles files) {
        this.records = new TaskRecords(files, "domain-tasks");
    }

    /** Whether {@code candidate} can be a task's reference here (one path element without dots). */
    public static boolean isReference(String candidate) {
        return TaskRecords.isKeyPart(candidate);
    }

    /** Whether the task was asked for before (pending, finished or done) on this host. */
    public boolean known(DomainTask task) {
        Path dir = records.directory(task.instanceId());
        return Stream.of(TaskRecords.REQUEST, TaskRecords.OUTCOME, DONE)
                .anyMatch(suffix -> Files.exists(dir.resolve(task.key() + suffix)));
    }

    public void requested(DomainTask task) {
        records.request(task.instanceId(), task.key(), task.request());
    }

    void finished(DomainTask task, InstanceTaskFinished outcome) {
        records.outcome(task.instanceId(), task.key(), outcome);
    }

    /** The task is over and the control plane knows: only its done marker stays; never creates the directory. */
    void done(DomainTask task) {
        Path dir = records.directory(task.instanceId());
        try {
            if (Files.isDirectory(dir) && !Files.exists(dir.resolve(task.key() + DONE))) {
                Files.createFile(dir.resolve(task.key() + DONE));
            }
            records.forget(task.instanceId(), task.key());
        } catch (IOException e) {
            LOG.warnf("instance %s: cannot record %s done: %s", task.instanceId(), task.key(), e);
        }
    }

    /** Every pending task of every instance, oldest request first; unreadable records are logged and skipped. */
    List<DomainTask> load() {
        List<DomainTask> tasks = records.load(DomainTaskJournal::read);
        tasks.sort(Comparator.comparing(DomainTask::askedAt, Comparator.nullsFirst(Comparator.naturalOrder())));
        return tasks;
    }

    private static DomainTask read(Path file, String key, InstanceTaskFinished outcome) {
        Class<? extends StratusEvent> type = requestType(key.substring(0, Math.max(0, key.indexOf('.'))));
        if (type == null) {
            LOG.warnf("%s is no task record, ignored", file);
            return null;
        }
        StratusEvent request = TaskRecords.decode(file, type).orElse(null);
        if (request == null) {
            return null;
        }
        if (!DomainTask.of(request).key().equals(key)) {
            LOG.warnf("%s does not hold the task its name says, ignored", file);
            return null;
        }
        return DomainTask.of(request).withOutcome(outcome);
    }

    private static Class<? extends StratusEvent> requestType(String task) {
        return switch (task) {
            case InstanceTaskFinished.RESIZE -> InstanceResizeClaimed.class;
            case InstanceTaskFinished.REVERT_RESIZE, DomainTask.CONFIRM_RESIZE -> InstanceResizeSettled.class;
            case InstanceTaskFinished.REBUILD -> InstanceRebuildRequested.class;
            default -> null;
        };
    }
}
