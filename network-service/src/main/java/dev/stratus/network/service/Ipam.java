package dev.stratus.network.service;

import dev.stratus.network.model.AllocationPool;
import dev.stratus.network.model.Ipv4;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Chooses addresses: the lowest address of the pools that no port holds (so a released address is reused). */
public final class Ipam {
    private Ipam() {
    }

    public static OptionalLong firstFree(List<AllocationPool> pools, Set<String> used) {
        for (AllocationPool pool : pools) {
            for (long ip = pool.first(); ip <= pool.last(); ip++) {
                if (!used.contains(Ipv4.toText(ip))) {
                    return OptionalLong.of(ip);
                }
            }
        }
        return OptionalLong.empty();
    }
}
