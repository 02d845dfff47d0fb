package dev.stratus.agent.driver.libvirt;

/** {@code <name>} and {@code <uuid>}: both the instance id, so no user string reaches the XML. */
final class IdentityConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        domain.append(domain.root(), "name", spec.identity().name());
        domain.append(domain.root(), "uuid", spec.identity().uuid());
    }
}
