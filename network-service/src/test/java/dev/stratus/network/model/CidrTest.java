package dev.stratus.network.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {
    @Test
    void acceptsNetworksWithoutHostBits() {
        assertEquals("10.0.0.0/24", Cidr.parse("10.0.0.0/24").orElseThrow().toString());
        assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").orElseThrow().toString());
        assertEquals("192.168.1.7/32", Cidr.parse("192.168.1.7/32").orElseThrow().toString());
        assertEquals(64, Cidr.parse("fd00:1::/64").orElseThrow().prefix());
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[] {"10.0.0.1/24", "10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "10.0.0/8",
                "example.com/24", "fd00::1/64", "fd00::/129", "10.0.0.0/-1", "10.0.0.0/ 8", "/24", ""}) {
            assertTrue(Cidr.parse(bad).isEmpty(), bad);
        }
        assertTrue(Cidr.parse(null).isEmpty());
    }
}
