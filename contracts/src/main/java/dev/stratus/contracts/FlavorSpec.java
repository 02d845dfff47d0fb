package dev.stratus.contracts;

/**
 * The resources an instance asks for, copied into every event so that consumers never look a flavor up.
 *
 * @param cpuQuotaPercent CPU cap per vCPU in percent of one host CPU (e.g. 50), or null for no cap
 */
public record FlavorSpec(String id, String name, int vcpus, int ramMb, int diskGb, Integer cpuQuotaPercent) {
}
