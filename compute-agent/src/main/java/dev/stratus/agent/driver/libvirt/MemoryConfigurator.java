package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * {@code <memory>}, {@code <currentMemory>} and {@code <memtune><soft_limit>}. The hard limit is
 * not written here: libvirt would also raise RLIMIT_MEMLOCK to it at start, which fails on these
 * hosts; {@link DomainMemoryTuning} applies it to the running domain instead.
 */
final class MemoryConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        DomainSpec.Memory memory = spec.memory();
        domain.appendWith(domain.root(), "memory", "unit", "KiB").setTextContent(Long.toString(memory.ramKib()));
        domain.appendWith(domain.root(), "currentMemory", "unit", "KiB")
                .setTextContent(Long.toString(memory.ramKib()));
        Element memtune = domain.child(domain.root(), "memtune");
        domain.appendWith(memtune, "soft_limit", "unit", "KiB").setTextContent(Long.toString(memory.softLimitKib()));
    }
}
