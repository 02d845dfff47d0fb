package dev.stratus.agent.driver;

import java.nio.file.Path;
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
 */
public record InstanceSpec(String instanceId, int vcpus, int ramMb, Integer cpuQuotaPercent, long memoryCapMb,
        Path rootDisk, Path kernel, Path initrd, String kernelCmdline, Path consoleLog) {

    public InstanceSpec {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(rootDisk, "rootDisk");
        Objects.requireNonNull(consoleLog, "consoleLog");
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
