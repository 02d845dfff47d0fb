package dev.stratus.scheduler.weigher;

import org.junit.jupiter.api.Test;

import static dev.stratus.scheduler.HostStates.free;
import static dev.stratus.scheduler.HostStates.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WeighersTest {
    @Test
    void freeRamWeigherWeighsFreeMebibytesWithItsMultiplier() {
        FreeRamWeigher weigher = new FreeRamWeigher(2.5);
        assertEquals(4096.0, weigher.weigh(free("a", 4, 4096, 40), request("m1.small", 1, 512, 1)));
        assertEquals(2.5, weigher.multiplier());
    }

    @Test
    void freeVcpuWeigherWeighsFreeVcpus() {
        FreeVcpuWeigher weigher = new FreeVcpuWeigher(-1.0);
        assertEquals(6.0, weigher.weigh(free("a", 6, 4096, 40), request("m1.small", 1, 512, 1)));
        assertEquals(-1.0, weigher.multiplier());
    }
}
