package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.model.HostState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.stratus.scheduler.HostStates.NOW;
import static dev.stratus.scheduler.HostStates.free;
import static dev.stratus.scheduler.HostStates.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AliveFilterTest {
    private static AliveFilter at(Duration sinceReport) {
        return new AliveFilter(Duration.ofSeconds(30), Clock.fixed(NOW.plus(sinceReport), ZoneOffset.UTC));
    }

    @Test
    void hostIsAliveUntilTheTimeoutPasses() {
        HostState host = free("a", 4, 4096, 40);
        assertTrue(at(Duration.ofSeconds(30)).passes(host, request("m1.small", 1, 512, 1)));
        assertFalse(at(Duration.ofSeconds(31)).passes(host, request("m1.small", 1, 512, 1)));
    }

    @Test
    void shortfallSaysNoHostIsUpAndWhenTheLastOneReported() {
        String reason = at(Duration.ofSeconds(45)).shortfall(List.of(free("host-a", 4, 4096, 40)),
                request("m1.small", 1, 512, 1));
        assertEquals("no compute host is up (the last report came from host-a 45 s ago; a host counts as down"
                + " after 30 s without a report)", reason);
    }
}
