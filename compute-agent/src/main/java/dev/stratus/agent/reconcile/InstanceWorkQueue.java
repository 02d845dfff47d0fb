package dev.stratus.agent.reconcile;

import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * A queue of instance ids to reconcile (keys, not events), as client-go's work queue: an id is queued at most
 * once, and an id added while a worker processes it is processed again after {@link #done}, never by two
 * workers at once. {@link #take} wakes a waiting worker immediately.
 */
@Singleton
public class InstanceWorkQueue {
    private final Deque<String> queue = new ArrayDeque<>();
    private final Set<String> queued = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final Set<String> dirty = new HashSet<>();
    private boolean shutDown;

    public synchronized void add(String instanceId) {
        if (shutDown) {
            return;
        }
        if (processing.contains(instanceId)) {
            dirty.add(instanceId);
        } else if (queued.add(instanceId)) {
            queue.addLast(instanceId);
            notify();
        }
    }

    /** Waits for the next id; null once the queue is shut down. */
    public synchronized String take() throws InterruptedException {
        while (queue.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return null;
        }
        String id = queue.removeFirst();
        queued.remove(id);
        processing.add(id);
        return id;
    }

    public synchronized void done(String instanceId) {
        processing.remove(instanceId);
        if (dirty.remove(instanceId)) {
            add(instanceId);
        }
    }

    public synchronized int size() {
        return queue.size();
    }

    public synchronized void shutDown() {
        shutDown = true;
        notifyAll();
    }
}
