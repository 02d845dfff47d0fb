package dev.stratus.agent.driver.libvirt;

import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * Hands instance ids to the registered listeners on one dedicated thread, so a slow listener never
 * stalls libvirt's event loop (which also carries keepalives) and every listener sees ids in order
 * from a single thread.
 */
final class InstanceEvents implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InstanceEvents.class);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final Thread thread = new Thread(this::dispatch, "stratus-instance-events");

    InstanceEvents() {
        thread.setDaemon(true);
        thread.start();
    }

    void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Queues {@code domainName} if it is an instance id (a UUID); other domains are not Stratus'. */
    void publish(String domainName) {
        if (isInstanceId(domainName)) {
            queue.add(domainName);
        }
    }

    static boolean isInstanceId(String domainName) {
        try {
            return UUID.fromString(domainName).toString().equals(domainName);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void dispatch() {
        while (!Thread.currentThread().isInterrupted()) {
            String instanceId;
            try {
                instanceId = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            for (Consumer<String> listener : listeners) {
                try {
                    listener.accept(instanceId);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "instance event listener failed for %s", instanceId);
                }
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
