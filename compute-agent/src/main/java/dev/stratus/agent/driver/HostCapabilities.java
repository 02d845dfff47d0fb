package dev.stratus.agent.driver;

/**
 * What this host offers to instances.
 *
 * @param hostname the hypervisor host's name
 * @param vcpus    logical CPUs of the host
 * @param ramMb    RAM of the host in MiB
 * @param diskGb   capacity in GiB of the file system holding instance disks
 * @param virtType the virtualization type instances run with: {@code kvm} or {@code qemu} (TCG)
 */
public record HostCapabilities(String hostname, int vcpus, long ramMb, long diskGb, String virtType) {
}
