package dev.stratus.agent.reconcile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InstanceWorkQueueTest {

    @Test
    void anIdIsQueuedOnce() throws InterruptedException {
        InstanceWorkQueue queue = new InstanceWorkQueue();
        queue.add("a");
        queue.add("b");
        queue.add("a");

        assertEquals(2, queue.size());
        assertEquals("a", queue.take());
        assertEquals("b", queue.take());
    }

    @Test
    void anIdAddedWhileProcessedIsProcessedAgainAfterwardsNotConcurrently() throws InterruptedException {
        InstanceWorkQueue queue = new InstanceWorkQueue();
        queue.add("a");
        String taken = queue.take();
        queue.add("a");

        assertEquals(0, queue.size());
        queue.done(taken);
        assertEquals(1, queue.size());
        assertEquals("a", queue.take());
    }

    @Test
    void shutDownReleasesWaitingWorkers() throws InterruptedException {
        InstanceWorkQueue queue = new InstanceWorkQueue();
        Thread worker = new Thread(() -> {
            try {
                assertNull(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        queue.shutDown();
        worker.join(2_000);

        assertEquals(Thread.State.TERMINATED, worker.getState());
    }
}
