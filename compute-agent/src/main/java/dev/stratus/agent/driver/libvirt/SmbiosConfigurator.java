package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * {@code <sysinfo type='smbios'>} and {@code <os><smbios mode='sysinfo'/></os>}: the guest's DMI tables say what
 * Nova's say (product "OpenStack Nova", the instance id as serial and system UUID). cloud-init's OpenStack datasource
 * and ds-identify look for that product name before they ask {@code http://169.254.169.254}; without it, a guest
 * booted without a config drive would never read the metadata service. Only constants and the instance id reach the
 * XML.
 */
final class SmbiosConfigurator implements DomainConfigurator {
    static final String MANUFACTURER = "Stratus";
    static final String PRODUCT = "OpenStack Nova";
    static final String FAMILY = "Virtual Machine";

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        String uuid = spec.identity().uuid().toString();
        Element system = domain.append(domain.appendWith(domain.root(), "sysinfo", "type", "smbios"), "system");
        entry(domain, system, "manufacturer", MANUFACTURER);
        entry(domain, system, "product", PRODUCT);
        entry(domain, system, "serial", uuid);
        entry(domain, system, "uuid", uuid);
        entry(domain, system, "family", FAMILY);
        domain.appendWith(domain.child(domain.root(), "os"), "smbios", "mode", "sysinfo");
    }

    private static void entry(DomainDocument domain, Element system, String name, String value) {
        domain.appendWith(system, "entry", "name", name).setTextContent(value);
    }
}
