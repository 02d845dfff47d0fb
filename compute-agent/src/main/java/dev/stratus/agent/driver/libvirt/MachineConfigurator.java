package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * The domain type (kvm or qemu/TCG), ACPI, the TCG translation cache and what happens when the
 * guest powers off, reboots or crashes (the agent, not libvirt, decides what to do next).
 */
final class MachineConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        DomainSpec.Machine machine = spec.machine();
        domain.root().setAttribute("type", machine.virtType());
        Element features = domain.child(domain.root(), "features");
        domain.append(features, "acpi");
        if (machine.tcgCacheMb() != null) {
            Element tcg = domain.append(features, "tcg");
            domain.append(tcg, "tb-cache", machine.tcgCacheMb()).setAttribute("unit", "MiB");
        }
        domain.append(domain.root(), "on_poweroff", "destroy");
        domain.append(domain.root(), "on_reboot", "restart");
        domain.append(domain.root(), "on_crash", "destroy");
    }
}
