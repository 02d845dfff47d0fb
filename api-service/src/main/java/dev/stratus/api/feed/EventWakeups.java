package dev.stratus.api.feed;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long polls of the event feed waiting per project, and what woke them: {@link EventNotifications} reports each
 * committed transaction that wrote events of a project ({@link #committed}), and whether it is listening at all.
 *
 * <p>A wake-up is only a reason to read again. Whether an event is given is still the feed's decision: an event of a
 * transaction the feed's horizon holds back (an older transaction still open) is read again shortly after
 * ({@link EventWait}), and a transaction that rolled back notifies nobody. Each project keeps the newest transaction
 * notified for it, so a poll that registers while a notification is being delivered still learns of it (one entry
 * per project that had events since start).
 */
@ApplicationScoped
public class EventWakeups {
    private final ConcurrentHashMap<String, ProjectWaiters> projects = new ConcurrentHashMap<>();
    private volatile boolean listening;
    private volatile long unknownUpTo = EventWaiter.NONE;

    /** Registers a long poll of {@code projectId} until it closes the waiter; call before its first read. */
    public EventWaiter register(String projectId) {
        return projects.computeIfAbsent(projectId, id -> new ProjectWaiters()).add();
    }

    /** Whether commits wake the waiters now; when not, they re-read every {@code events-poll-interval}. */
    public boolean listening() {
        return listening;
    }

    /**
     * The newest transaction that may have committed unnoticed (before the LISTEN that is now active): a read whose
     * horizon is not past it may miss an event that no notification will announce ({@link EventWaiter#NONE}: none).
     */
    public long unknownUpTo() {
        return unknownUpTo;
    }

    /** How many long polls of {@code projectId} are waiting now. */
    public int waiting(String projectId) {
        ProjectWaiters waiters = projects.get(projectId);
        return waiters == null ? 0 : waiters.size();
    }

    /** A transaction {@code xid} that wrote events of {@code projectId} committed. */
    void committed(String projectId, long xid) {
        projects.computeIfAbsent(projectId, id -> new ProjectWaiters()).committed(xid);
    }

    /** LISTEN is active; transactions up to {@code unknownUpTo} may have committed before it. Everyone reads again. */
    void listening(long unknownUpTo) {
        this.unknownUpTo = unknownUpTo;
        listening = true;
        wakeAll();
    }

    /** The LISTEN connection is lost: everyone reads again, and then every poll interval until it is back. */
    void notListening() {
        listening = false;
        wakeAll();
    }

    private void wakeAll() {
        for (ProjectWaiters waiters : projects.values()) {
            waiters.committed(EventWaiter.ANY);
        }
    }

    /** The waiters of one project and the newest transaction notified for it; one lock per project. */
    private static final class ProjectWaiters {
        private final Set<EventWaiter> waiters = new HashSet<>();
        private long newest = EventWaiter.NONE;

        synchronized EventWaiter add() {
            EventWaiter waiter = new EventWaiter(newest, this::remove);
            waiters.add(waiter);
            return waiter;
        }

        private synchronized void remove(EventWaiter waiter) {
            waiters.remove(waiter);
        }

        synchronized int size() {
            return waiters.size();
        }

        void committed(long xid) {
            List<EventWaiter> woken;
            synchronized (this) {
                newest = Math.max(newest, xid);
                woken = new ArrayList<>(waiters);
            }
            for (EventWaiter waiter : woken) {
                waiter.wake(xid);
            }
        }
    }
}
