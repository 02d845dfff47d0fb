package dev.stratus.api.rest;

import dev.stratus.api.model.Flavor;

/** A flavor as the API shows it; {@code cpu_quota_percent} null means no CPU cap. */
public record FlavorView(String id, String name, int vcpus, int ramMb, int diskGb, Integer cpuQuotaPercent) {
    public static FlavorView of(Flavor f) {
        return new FlavorView(f.id, f.name, f.vcpus, f.ramMb, f.diskGb, f.cpuQuotaPercent);
    }
}
