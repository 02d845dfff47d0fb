package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/** {@code <os>}: the machine model, and either a direct kernel boot or a BIOS boot from disk. */
final class OsConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        Element os = domain.child(domain.root(), "os");
        domain.appendWith(os, "type", "arch", "x86_64", "machine", spec.machine().machineType())
                .setTextContent("hvm");
        DomainSpec.Boot boot = spec.boot();
        if (boot.direct()) {
            domain.append(os, "kernel", boot.kernel().toAbsolutePath());
            if (boot.initrd() != null) {
                domain.append(os, "initrd", boot.initrd().toAbsolutePath());
            }
            if (boot.cmdline() != null) {
                domain.append(os, "cmdline", boot.cmdline());
            }
        } else {
            domain.appendWith(os, "boot", "dev", "hd");
        }
    }
}
