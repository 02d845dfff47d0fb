package dev.stratus.scheduler.filter;

import dev.stratus.scheduler.model.AllocationRatios;
import dev.stratus.scheduler.model.HostState;
import dev.stratus.scheduler.model.PlacementRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.stratus.scheduler.HostStates.free;
import static dev.stratus.scheduler.HostStates.host;
import static dev.stratus.scheduler.HostStates.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceFiltersTest {
    private final PlacementRequest small = request("m1.small", 2, 2048, 20);

    @Test
    void ramFilterCountsReservedRamAndUsage() {
        AllocationRatios ratios = new AllocationRatios(1.0, 1.0, 1.0, 512);
        assertTrue(new RamFilter().passes(host("a", 4, 2560, 100, 0, 0, 0, ratios), small));
        assertFalse(new RamFilter().passes(host("a", 4, 2559, 100, 0, 0, 0, ratios), small));
        assertFalse(new RamFilter().passes(host("a", 4, 4096, 100, 0, 2048, 0, ratios), small));
    }

    @Test
    void ramFilterHonoursOvercommitRatio() {
        AllocationRatios ratios = new AllocationRatios(1.0, 1.5, 1.0, 0);
        assertTrue(new RamFilter().passes(host("a", 4, 2048, 100, 0, 1024, 0, ratios), small));
    }

    @Test
    void vcpuFilterAppliesCpuAllocationRatio() {
        AllocationRatios ratios = new AllocationRatios(4.0, 1.0, 1.0, 0);
        assertTrue(new VcpuFilter().passes(host("a", 1, 4096, 100, 2, 0, 0, ratios), small));
        assertFalse(new VcpuFilter().passes(host("a", 1, 4096, 100, 3, 0, 0, ratios), small));
    }

    @Test
    void diskFilterComparesGibibytes() {
        assertTrue(new DiskFilter().passes(free("a", 4, 4096, 20), small));
        assertFalse(new DiskFilter().passes(free("a", 4, 4096, 19), small));
    }

    @Test
    void shortfallsNameTheResourceTheFlavorAndTheBestHost() {
        List<HostState> hosts = List.of(free("host-a", 1, 900, 5), free("host-b", 1, 300, 10));
        PlacementRequest huge = request("m1.huge", 8, 2048, 80);
        assertEquals("no host has 2048 MiB RAM free for flavor m1.huge (largest free: 900 MiB on host-a)",
                new RamFilter().shortfall(hosts, huge));
        assertEquals("no host has 8 vCPUs free for flavor m1.huge (most free: 1 vCPUs on host-a)",
                new VcpuFilter().shortfall(hosts, huge));
        assertEquals("no host has 80 GiB disk free for flavor m1.huge (largest free: 10 GiB on host-b)",
                new DiskFilter().shortfall(hosts, huge));
    }

    @Test
    void overcommittedHostReportsZeroFreeNotANegativeNumber() {
        HostState over = host("host-a", 4, 1024, 10, 0, 2048, 0, AllocationRatios.NONE);
        assertEquals("no host has 2048 MiB RAM free for flavor m1.small (largest free: 0 MiB on host-a)",
                new RamFilter().shortfall(List.of(over), small));
    }
}
