package dev.stratus.agent.events;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequence numbers of status events, strictly increasing for this agent, also across restarts: microseconds of
 * the wall clock, or the previous number + 1 when several are drawn in one microsecond.
 */
@Singleton
public class SequenceClock {
    private final AtomicLong last = new AtomicLong();

    public long next() {
        long floor = System.currentTimeMillis() * 1000;
        return last.updateAndGet(previous -> Math.max(previous + 1, floor));
    }
}
