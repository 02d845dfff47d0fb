package dev.stratus.agent.driver.libvirt;

import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

import java.util.UUID;

/**
 * The power operations on one libvirt domain, each returning as soon as libvirt accepted it (no waiting for the
 * guest): ACPI shutdown and reboot (the guest decides), force off, reset, pause, resume and managed save. Calls
 * that would find the domain already in the wanted state are no-ops. Starting is {@link LibvirtDriver}'s (it
 * applies the memory cap after each start).
 */
final class DomainPower {

    /** {@code VIR_DOMAIN_SHUTDOWN_ACPI_POWER_BTN} / {@code VIR_DOMAIN_REBOOT_ACPI_POWER_BTN}. */
    private static final int ACPI_POWER_BUTTON = 1;
    /** {@code VIR_DOMAIN_PAUSED}. */
    private static final int PAUSED = 3;

    private DomainPower() {
    }

    /** Presses the guest's ACPI power button; the guest shuts itself down (or not). */
    static void shutdown(Domain domain) throws LibvirtException {
        if (domain.isActive() == 1) {
            Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::shutdown);
        }
    }

    /** Pulls the plug (virDomainDestroy); the definition stays. */
    static void forceOff(Domain domain) throws LibvirtException {
        Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::destroy);
    }

    /**
     * Asks for an ACPI reboot: libvirt presses the power button and, when the guest has shut down, resets the same
     * QEMU process instead of stopping it (a "fake reboot"), which emits a reboot event.
     */
    static void softReboot(Domain domain) throws LibvirtException {
        domain.reboot(ACPI_POWER_BUTTON);
    }

    /** Resets the virtual machine (virDomainReset), like a reset button: no guest cooperation. */
    static void reset(Domain domain) throws LibvirtException {
        domain.reset();
    }

    static void pause(Domain domain) throws LibvirtException {
        if (domain.getInfo().state.ordinal() != PAUSED) {
            domain.suspend();
        }
    }

    static void unpause(Domain domain) throws LibvirtException {
        if (domain.isActive() == 1 && domain.getInfo().state.ordinal() == PAUSED) {
            domain.resume();
        }
    }

    /**
     * Saves memory to libvirt's managed save image and stops the domain; the next start restores it. The live memory
     * hard limit is lifted first: the image keeps the live definition, and restoring one with a hard limit fails as
     * a start with one does ("cannot limit locked memory"); the start after the restore applies it again.
     */
    static void managedSave(NativeConnect connection, Domain domain) throws LibvirtException {
        if (domain.isActive() != 1) {
            if (domain.hasManagedSaveImage() == 1) {
                return;
            }
            throw new IllegalStateException("cannot suspend a domain that is shut off");
        }
        DomainMemoryTuning.setHardLimit(connection, UUID.fromString(domain.getUUIDString()),
                DomainMemoryTuning.UNLIMITED_KIB);
        try {
            domain.managedSave();
        } catch (LibvirtException | RuntimeException e) {
            if (domain.isActive() == 1) {
                DomainMemoryTuning.applyCap(connection, domain);
            }
            throw e;
        }
    }

    static void discardManagedSave(Domain domain) throws LibvirtException {
        if (domain.hasManagedSaveImage() == 1) {
            domain.managedSaveRemove();
        }
    }
}
