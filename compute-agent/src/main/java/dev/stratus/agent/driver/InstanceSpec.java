package dev.stratus.agent.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the agent asks the driver to run.
 *
 * @param instanceId      the Stratus instance id (a UUID); also the hypervisor's name and UUID of it
 * @param vcpus           number of virtual CPUs, at least 1
 * @param ramMb           guest RAM in MiB, at least 1
 * @param cpuQuotaPercent CPU cap in percent of one host core per vCPU, or {@code null} for no cap
 * @param memoryCapMb     hard cap in MiB on the whole hypervisor process (guest RAM + overhead),
 *                        at least {@code ramMb}
 * @param rootDisk        the instance's qcow2 disk (usually an overlay on a cached image)
 * @param kernel          a kernel to boot directly, or {@code null} to boot the disk through BIOS
 * @param initrd          an initramfs for {@code kernel}, or {@code null}
 * @param kernelCmdline   kernel command line for {@code kernel}, or {@code null}
 * @param consoleLog      file receiving the guest's serial console
 * @param nics            the guest's network interfaces, in the order it sees them (eth0, eth1, ...)
 * @param configDrive     an ISO 9660 image attached read-only as a CD-ROM (the config drive), or {@code null}
 */
public record InstanceSpec(String instanceId, int vcpus, int ramMb, Integer cpuQuotaPercent, long memoryCapMb,
        Path rootDisk, Path kernel, Path initrd, String kernelCmdline, Path consoleLog, List<Nic> nics,
        Path configDrive) {

    /** An instance without a config drive. */
    public InstanceSpec(String instanceId, int vcpus, int ramMb, Integer cpuQuotaPercent, long memoryCapMb,
            Path rootDisk, Path kernel, Path initrd, String kernelCmdline, Path consoleLog, List<Nic> nics) {
        this(instanceId, vcpus, ramMb, cpuQuotaPercent, memoryCapMb, rootDisk, kernel, initrd, kernelCmdline,
                consoleLog, nics, null);
    }

    /** An instance without network interfaces or config drive. */
    public InstanceSpec(String instanceId, int vcpus, int ramMb, Integer cpuQuotaPercent, long memoryCapMb,
            Path rootDisk, Path kernel, Path initrd, String kernelCmdline, Path consoleLog) {
        this(instanceId, vcpus, ramMb, cpuQuotaPercent, memoryCapMb, rootDisk, kernel, initrd, kernelCmdline,
                consoleLog, List.of());
    }

    /**
     * A virtio NIC whose tap the hypervisor creates on {@code bridge}.
     *
     * @param tap    the host-side tap name (at most 15 characters)
     * @param mac    the guest's MAC address
     * @param bridge the bridge the tap joins
     * @param mtu    the MTU of the tap and the guest's NIC
     */
    public record Nic(String tap, String mac, String bridge, int mtu) {
        public Nic {
            if (tap == null || tap.length() > 15 || bridge == null || bridge.length() > 15) {
                throw new IllegalArgumentException("tap and bridge names must be 1-15 characters");
            }
            Objects.requireNonNull(mac, "mac");
        }
    }

    public InstanceSpec {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(rootDisk, "rootDisk");
        Objects.requireNonNull(consoleLog, "consoleLog");
        nics = nics == null ? List.of() : List.copyOf(nics);
        if (vcpus < 1) {
            throw new IllegalArgumentException("vcpus must be at least 1, was " + vcpus);
        }
        if (ramMb < 1) {
            throw new IllegalArgumentException("ramMb must be at least 1, was " + ramMb);
        }
        if (cpuQuotaPercent != null && cpuQuotaPercent < 1) {
            throw new IllegalArgumentException("cpuQuotaPercent must be at least 1 or null, was " + cpuQuotaPercent);
        }
        if (memoryCapMb < ramMb) {
            throw new IllegalArgumentException("memoryCapMb (" + memoryCapMb + ") must be at least ramMb (" + ramMb + ")");
        }
        if (kernel == null && (initrd != null || kernelCmdline != null)) {
            throw new IllegalArgumentException("initrd and kernelCmdline need a kernel");
        }
    }
}
