package dev.stratus.agent.driver.libvirt;

/**
 * Turns off the devices libvirt adds by default and a server guest does not need: the USB
 * controller and the memory balloon. No {@code <graphics>} means no video device either. Fewer
 * devices boot faster (see PROVEN.md: the machine model and default devices dominate boot time).
 */
final class MinimalDevicesConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        domain.appendWith(domain.devices(), "controller", "type", "usb", "model", "none");
        domain.appendWith(domain.devices(), "memballoon", "model", "none");
    }
}
