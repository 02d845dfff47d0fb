package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * {@code <metadata><stratus:instance>}: marks the domain as managed by Stratus, so
 * {@link LibvirtDriver#list()} ignores every other domain of the host, and records the memory hard
 * limit to apply after each start.
 */
final class MetadataConfigurator implements DomainConfigurator {

    /** Namespace URI of the Stratus metadata element. */
    static final String NAMESPACE = "https://stratus.dev/xmlns/libvirt/instance/1";
    static final String PREFIX = "stratus";
    static final String ELEMENT = "instance";
    static final String ID_ATTRIBUTE = "id";
    /** The memory hard limit in KiB, re-applied after every start (it cannot be part of the definition). */
    static final String MEMORY_CAP_ATTRIBUTE = "memory-cap-kib";
    /**
     * The compute host whose agent manages the domain: several agents (stacks side by side, tests) may share one
     * libvirt daemon, and each adopts, restarts and reports only its own domains.
     */
    static final String HOST_ATTRIBUTE = "host";

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        Element metadata = domain.child(domain.root(), "metadata");
        Element instance = domain.document().createElementNS(NAMESPACE, PREFIX + ":" + ELEMENT);
        instance.setAttribute(ID_ATTRIBUTE, spec.identity().uuid().toString());
        instance.setAttribute(MEMORY_CAP_ATTRIBUTE, Long.toString(spec.memory().hardLimitKib()));
        if (spec.identity().owner() != null) {
            instance.setAttribute(HOST_ATTRIBUTE, spec.identity().owner());
        }
        metadata.appendChild(instance);
    }
}
