package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.InstanceSpec;
import org.w3c.dom.Element;

/**
 * One virtio {@code <interface type='bridge'>} per NIC: libvirt creates the tap with the given name on the
 * network's bridge and removes it with the domain, so the firewall can name the tap before the guest starts.
 */
final class NicConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        for (InstanceSpec.Nic nic : spec.nics()) {
            Element element = domain.appendWith(domain.devices(), "interface", "type", "bridge");
            domain.appendWith(element, "mac", "address", nic.mac());
            domain.appendWith(element, "source", "bridge", nic.bridge());
            domain.appendWith(element, "target", "dev", nic.tap());
            domain.appendWith(element, "model", "type", "virtio");
            domain.appendWith(element, "mtu", "size", String.valueOf(nic.mtu()));
        }
    }
}
