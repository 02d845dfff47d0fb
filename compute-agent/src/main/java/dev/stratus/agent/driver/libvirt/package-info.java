/**
 * The libvirt implementation of {@link dev.stratus.agent.driver.ComputeDriver}; the only package that
 * sees {@code org.libvirt} types.
 *
 * <h2>Files handed to QEMU</h2>
 * QEMU runs as {@code libvirt-qemu} (Debian's default, {@code /etc/libvirt/qemu.conf} untouched).
 * The agent needs no chown, no ACL and no seclabel override; libvirt's default DAC security driver
 * with {@code dynamic_ownership=1} and {@code remember_owner=1} does the work:
 * <ul>
 *   <li>The disk (qcow2 overlay), kernel and initrd may be owned by root with mode 0600: at start
 *       libvirt chowns them to {@code libvirt-qemu}, at stop it restores the recorded owner. Backing
 *       files (the image cache) are chowned too and may stay owned by {@code libvirt-qemu} after
 *       stop; harmless, as the agent reads them as root and nothing else writes them.</li>
 *   <li>Every directory on their paths must be searchable by others (mode 0711 is enough, 0755
 *       works): libvirt checks access as {@code libvirt-qemu} and QEMU opens the files itself.
 *       Otherwise start fails with "Cannot access storage file ... (as uid:64055, gid:64055):
 *       Permission denied".</li>
 *   <li>The console log (a {@code <serial type='file'>}) is opened by libvirtd as root and passed
 *       to QEMU; it is created root-owned 0600, in any directory the agent (root) can write, and
 *       truncated at each start of the domain.</li>
 * </ul>
 * Verified by {@code LibvirtDriverTest} (instance directory 0711, overlay 0600).
 */
package dev.stratus.agent.driver.libvirt;
