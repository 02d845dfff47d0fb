package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.InstanceSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The typed model of one libvirt domain, derived from an {@link InstanceSpec} and the host's
 * configuration. {@link DomainXmlWriter} turns it into domain XML; nothing else writes XML.
 *
 * @param identity the domain's name, UUID and Stratus metadata
 * @param machine  virtualization type, machine model and emulator tuning
 * @param cpu      vCPUs and CPU cgroup limits
 * @param memory   guest RAM and memory cgroup limits
 * @param boot     direct kernel boot, or BIOS boot from the first disk
 * @param disks    disks in the order the guest sees them (vda, vdb, ...)
 * @param console  the serial console
 * @param nics     network interfaces, in the order the guest sees them
 * @param cdrom    the read-only CD-ROM holding the config drive, or null
 */
public record DomainSpec(Identity identity, Machine machine, Cpu cpu, Memory memory, Boot boot,
        List<Disk> disks, Console console, List<InstanceSpec.Nic> nics, Cdrom cdrom) {

    /** A domain without network interfaces. */
    public DomainSpec(Identity identity, Machine machine, Cpu cpu, Memory memory, Boot boot, List<Disk> disks,
            Console console) {
        this(identity, machine, cpu, memory, boot, disks, console, List.of(), null);
    }

    /** cgroup v1 default weight of one CPU; a domain gets this many shares per vCPU. */
    public static final int SHARES_PER_VCPU = 1024;
    /** CFS period in microseconds. */
    public static final long CFS_PERIOD_US = 100_000;

    public DomainSpec {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(console, "console");
        disks = List.copyOf(disks);
        nics = nics == null ? List.of() : List.copyOf(nics);
    }

    /** Derives the domain of {@code spec} for a host running {@code virtType} guests on {@code machineType}. */
    public static DomainSpec of(InstanceSpec spec, String virtType, String machineType) {
        return of(spec, virtType, machineType, null);
    }

    /** The same, owned by the agent of compute host {@code owner} (recorded in the domain's Stratus metadata). */
    public static DomainSpec of(InstanceSpec spec, String virtType, String machineType, String owner) {
        UUID uuid = UUID.fromString(spec.instanceId());
        boolean tcg = "qemu".equals(virtType);
        Long quotaPerVcpu = spec.cpuQuotaPercent() == null ? null : spec.cpuQuotaPercent() * CFS_PERIOD_US / 100;
        return new DomainSpec(
                new Identity(uuid.toString(), uuid, owner),
                new Machine(virtType, machineType, tcg ? Machine.TCG_CACHE_MB : null),
                new Cpu(spec.vcpus(), SHARES_PER_VCPU * spec.vcpus(),
                        quotaPerVcpu == null ? null : CFS_PERIOD_US,
                        quotaPerVcpu,
                        quotaPerVcpu == null ? null : quotaPerVcpu * spec.vcpus()),
                new Memory(spec.ramMb() * 1024L, spec.ramMb() * 1024L, spec.memoryCapMb() * 1024L),
                new Boot(spec.kernel(), spec.initrd(), spec.kernelCmdline()),
                List.of(new Disk(spec.rootDisk(), "qcow2", "vda")),
                new Console(spec.consoleLog()),
                spec.nics(),
                spec.configDrive() == null ? null : Cdrom.of(spec.configDrive(), machineType));
    }

    /**
     * @param name the domain name (the instance id: never a user-supplied string)
     * @param uuid  the domain UUID (the instance id, so the guest reads it from DMI)
     * @param owner the compute host whose agent manages the domain, or null (any agent of this libvirt)
     */
    public record Identity(String name, UUID uuid, String owner) {
        public Identity {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(uuid, "uuid");
        }

        public Identity(String name, UUID uuid) {
            this(name, uuid, null);
        }
    }

    /**
     * @param virtType    libvirt domain type: {@code kvm} or {@code qemu} (TCG)
     * @param machineType QEMU machine model, e.g. {@code pc} or {@code q35}
     * @param tcgCacheMb  TCG translation cache size in MiB (bounds QEMU's overhead), null for kvm
     */
    public record Machine(String virtType, String machineType, Integer tcgCacheMb) {
        /** The TCG translation cache a Stratus domain gets (QEMU's default is up to 1 GiB). */
        public static final int TCG_CACHE_MB = 64;

        public Machine {
            if (!"kvm".equals(virtType) && !"qemu".equals(virtType)) {
                throw new IllegalArgumentException("virtType must be kvm or qemu, was " + virtType);
            }
            Objects.requireNonNull(machineType, "machineType");
        }
    }

    /**
     * @param vcpus         number of vCPUs
     * @param shares        cgroup cpu.shares of the domain
     * @param periodUs      CFS period (per vCPU and global), null for no quota
     * @param quotaUs       CFS quota of each vCPU thread, null for none
     * @param globalQuotaUs CFS quota of the whole domain (vCPUs + emulator), null for none
     */
    public record Cpu(int vcpus, int shares, Long periodUs, Long quotaUs, Long globalQuotaUs) {
    }

    /**
     * @param ramKib       guest RAM in KiB
     * @param softLimitKib memory cgroup soft limit, applied at start
     * @param hardLimitKib memory cgroup hard limit, applied right after start (see {@link DomainMemoryTuning})
     */
    public record Memory(long ramKib, long softLimitKib, long hardLimitKib) {
    }

    /**
     * @param kernel  kernel to boot directly, null to boot the first disk through the BIOS
     * @param initrd  initramfs, or null
     * @param cmdline kernel command line, or null
     */
    public record Boot(Path kernel, Path initrd, String cmdline) {
        public boolean direct() {
            return kernel != null;
        }
    }

    /**
     * @param file      the image file
     * @param format    image format, e.g. {@code qcow2}
     * @param targetDev guest device name on the virtio bus, e.g. {@code vda}
     */
    public record Disk(Path file, String format, String targetDev) {
    }

    /**
     * A read-only CD-ROM on a bus the machine model has and the guests' kernels drive: IDE on {@code pc} (i440FX's
     * PIIX controller, Linux's {@code ata_piix}), a virtio-scsi controller on {@code q35} (whose only built-in
     * controller is AHCI, which Debian's cloud kernel does not build).
     *
     * @param file      the ISO 9660 image
     * @param bus       {@code ide} or {@code scsi}
     * @param targetDev the guest device name libvirt addresses it by ({@code hdd}, Nova's slot; {@code sda})
     */
    public record Cdrom(Path file, String bus, String targetDev) {
        public static Cdrom of(Path file, String machineType) {
            return machineType.contains("q35") ? new Cdrom(file, "scsi", "sda") : new Cdrom(file, "ide", "hdd");
        }
    }

    /** @param logFile file receiving the serial console output */
    public record Console(Path logFile) {
    }
}
