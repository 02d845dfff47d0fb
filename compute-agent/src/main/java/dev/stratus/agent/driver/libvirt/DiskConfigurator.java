package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/** One virtio {@code <disk>} per disk of the spec. */
final class DiskConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        for (DomainSpec.Disk disk : spec.disks()) {
            Element element = domain.appendWith(domain.devices(), "disk", "type", "file", "device", "disk");
            domain.appendWith(element, "driver", "name", "qemu", "type", disk.format(),
                    "discard", "unmap");
            domain.appendWith(element, "source", "file", disk.file().toAbsolutePath().toString());
            domain.appendWith(element, "target", "dev", disk.targetDev(), "bus", "virtio");
        }
    }
}
