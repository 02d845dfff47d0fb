package dev.stratus.agent.driver.libvirt;

/** Adds one concern of a {@link DomainSpec} (CPU, memory, disks, ...) to a domain XML document. */
interface DomainConfigurator {

    void configure(DomainSpec spec, DomainDocument domain);
}
