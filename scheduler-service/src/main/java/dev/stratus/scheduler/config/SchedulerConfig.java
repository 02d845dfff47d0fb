package dev.stratus.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/**
 * Every option of scheduler-service, under {@code stratus.scheduler.*}. Kafka and the database are configured by
 * the usual {@code kafka.bootstrap.servers} and {@code quarkus.datasource.*} properties.
 */
@ConfigMapping(prefix = "stratus.scheduler")
public interface SchedulerConfig {

    /**
     * How long a host stays a placement candidate after its last {@code HostReport}. A host that has not reported
     * for longer is shown with {@code alive=false} and filtered out by the {@code alive} filter. Any duration
     * ({@code 30s}, {@code 2m}, ISO-8601 {@code PT30S}); keep it at three or more agent report intervals.
     * Default {@code 30s}.
     */
    @WithDefault("30s")
    Duration hostTimeout();

    /**
     * How long a request waits when no host has reported within {@code host-timeout} before it fails with "no compute
     * host is up": after a Kafka broker outage the hosts are usually fine and only their reports are late, so the
     * request is retried (with back-off) until fresh reports arrive or this time has passed since it was first seen.
     * Default {@code 30s}; {@code 0s} fails at once.
     */
    @WithDefault("30s")
    Duration noHostWait();

    /**
     * Virtual CPUs that may be allocated per physical CPU of a host (Nova's {@code cpu_allocation_ratio}). A host
     * with 8 CPUs and ratio 4.0 accepts 32 vCPUs. Any positive number; 1.0 means no overcommit. Default {@code 4.0}.
     */
    @WithDefault("4.0")
    double cpuAllocationRatio();

    /**
     * RAM that may be allocated per MiB of host RAM. Values above 1.0 overcommit memory (risky without swap or
     * ballooning). The limit is {@code ram_mb * ram-allocation-ratio - reserved-host-ram-mb}. Default {@code 1.0}.
     */
    @WithDefault("1.0")
    double ramAllocationRatio();

    /**
     * Disk that may be allocated per GiB of host disk. Values above 1.0 rely on thin (qcow2 overlay) disks never
     * filling up. Default {@code 1.0}.
     */
    @WithDefault("1.0")
    double diskAllocationRatio();

    /**
     * MiB of each host's RAM kept for the host itself (kernel, libvirtd, agent, QEMU overhead); never allocated
     * to instances. Applied after {@code ram-allocation-ratio}. Default {@code 512}.
     */
    @WithDefault("512")
    long reservedHostRamMb();

    /**
     * How many times one placement re-reads the inventory and tries again when its claim lost a race (another
     * placement or release changed the chosen host's generation first). When all attempts lose, the instance
     * gets an {@code InstancePlacementFailed}, never a hang. At least 1. Default {@code 10}.
     */
    @WithDefault("10")
    int maxClaimAttempts();

    /**
     * The host filters to apply, in this order, by their names: {@code alive} (reported within
     * {@code host-timeout}), {@code ram}, {@code vcpu}, {@code disk} (free capacity after the allocation ratios).
     * The first filter that leaves no host explains the failure to the user, so list the most general first.
     * An unknown name stops the service at start. Default {@code alive,ram,vcpu,disk}.
     */
    @WithDefault("alive,ram,vcpu,disk")
    List<String> enabledFilters();

    /**
     * Weight of the free-RAM weigher. Weights are normalised to 0..1 across the candidate hosts and multiplied:
     * a positive value spreads instances onto the hosts with most free RAM, a negative value stacks them onto
     * the fullest host, 0 ignores RAM. Related: {@code cpu-weight-multiplier}. Default {@code 1.0}.
     */
    @WithDefault("1.0")
    double ramWeightMultiplier();

    /**
     * Weight of the free-vCPU weigher; same semantics as {@code ram-weight-multiplier}. Default {@code 1.0}.
     */
    @WithDefault("1.0")
    double cpuWeightMultiplier();

    /**
     * Pick the host at random among the best N after weighing (Nova's {@code host_subset_size}). With several
     * scheduler replicas, a value above 1 makes them race less for the same host. At least 1. Default {@code 1}.
     */
    @WithDefault("1")
    int hostSubsetSize();
}
