package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * The config drive as a read-only {@code <disk device='cdrom'>} (raw ISO 9660), on the bus {@link DomainSpec.Cdrom}
 * chose; a {@code scsi} one gets its virtio-scsi controller. Nothing without a config drive.
 */
final class CdromConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        DomainSpec.Cdrom cdrom = spec.cdrom();
        if (cdrom == null) {
            return;
        }
        if ("scsi".equals(cdrom.bus())) {
            domain.appendWith(domain.devices(), "controller", "type", "scsi", "index", "0", "model", "virtio-scsi");
        }
        Element disk = domain.appendWith(domain.devices(), "disk", "type", "file", "device", "cdrom");
        domain.appendWith(disk, "driver", "name", "qemu", "type", "raw");
        domain.appendWith(disk, "source", "file", cdrom.file().toAbsolutePath().toString());
        domain.appendWith(disk, "target", "dev", cdrom.targetDev(), "bus", cdrom.bus());
        domain.append(disk, "readonly");
    }
}
