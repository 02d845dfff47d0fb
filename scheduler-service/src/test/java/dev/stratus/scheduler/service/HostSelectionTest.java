package dev.stratus.scheduler.service;

import dev.stratus.scheduler.filter.AliveFilter;
import dev.stratus.scheduler.filter.DiskFilter;
import dev.stratus.scheduler.filter.RamFilter;
import dev.stratus.scheduler.filter.VcpuFilter;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.weigher.FreeRamWeigher;
import dev.stratus.scheduler.weigher.FreeVcpuWeigher;
import dev.stratus.scheduler.weigher.HostWeigher;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static dev.stratus.scheduler.HostStates.NOW;
import static dev.stratus.scheduler.HostStates.free;
import static dev.stratus.scheduler.HostStates.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostSelectionTest {
    private static HostSelection selection(Duration sinceReport, HostWeigher... weighers) {
        AliveFilter alive = new AliveFilter(Duration.ofSeconds(30), Clock.fixed(NOW.plus(sinceReport), ZoneOffset.UTC));
        return new HostSelection(List.of(alive, new RamFilter(), new VcpuFilter(), new DiskFilter()),
                List.of(weighers), 1, new Random(1));
    }

    @Test
    void positiveRamMultiplierSpreadsToTheHostWithMostFreeRam() {
        List<HostState> hosts = List.of(free("a", 8, 4096, 100), free("b", 8, 16384, 100), free("c", 8, 8192, 100));
        var choice = selection(Duration.ZERO, new FreeRamWeigher(1.0)).select(hosts, request("m1.small", 1, 1024, 10));
        assertTrue(choice.found());
        assertEquals("b", choice.host().name());
    }

    @Test
    void negativeRamMultiplierStacksOntoTheFullestHostThatStillFits() {
        List<HostState> hosts = List.of(free("a", 8, 1000, 100), free("b", 8, 16384, 100), free("c", 8, 2048, 100));
        var choice = selection(Duration.ZERO, new FreeRamWeigher(-1.0)).select(hosts, request("m1.small", 1, 1024, 10));
        assertEquals("c", choice.host().name());
    }

    @Test
    void weightsAreNormalisedSoMultipliersCompareAcrossUnits() {
        // a: most RAM (by MiB), b: most vCPUs. With the vCPU weigher twice as heavy, b wins despite fewer MiB.
        List<HostState> hosts = List.of(free("a", 2, 65536, 100), free("b", 32, 8192, 100));
        var choice = selection(Duration.ZERO, new FreeRamWeigher(1.0), new FreeVcpuWeigher(2.0))
                .select(hosts, request("m1.small", 1, 1024, 10));
        assertEquals("b", choice.host().name());
    }

    @Test
    void noHostsAtAllMeansNoComputeHostIsUp() {
        var choice = selection(Duration.ZERO).select(List.of(), request("m1.small", 1, 1024, 10));
        assertFalse(choice.found());
        assertTrue(choice.failure().startsWith("no compute host is up"), choice.failure());
    }

    @Test
    void deadHostsAreNeverChosenEvenIfTheyFit() {
        var choice = selection(Duration.ofMinutes(5)).select(List.of(free("a", 8, 16384, 100)),
                request("m1.small", 1, 1024, 10));
        assertFalse(choice.found());
        assertTrue(choice.failure().startsWith("no compute host is up"), choice.failure());
    }

    @Test
    void theFilterThatEmptiesTheListExplainsTheFailure() {
        // a has RAM but no disk, b has disk but no RAM: RAM removes b, then disk removes a.
        List<HostState> hosts = List.of(free("a", 8, 16384, 5), free("b", 8, 512, 500));
        var choice = selection(Duration.ZERO).select(hosts, request("m1.big", 1, 4096, 40));
        assertEquals("no host has 40 GiB disk free for flavor m1.big (largest free: 5 GiB on a)", choice.failure());
    }

    @Test
    void ramShortfallNamesTheLargestFreeAmount() {
        List<HostState> hosts = List.of(free("host-a", 8, 900, 100), free("host-b", 8, 600, 100));
        var choice = selection(Duration.ZERO).select(hosts, request("m1.huge", 1, 2048, 10));
        assertEquals("no host has 2048 MiB RAM free for flavor m1.huge (largest free: 900 MiB on host-a)",
                choice.failure());
    }
}
