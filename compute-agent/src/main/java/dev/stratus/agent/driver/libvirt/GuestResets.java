package dev.stratus.agent.driver.libvirt;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts libvirt's reboot events per domain (a guest reset inside a running QEMU: the guest rebooted itself, an
 * ACPI reboot libvirt completed with a reset, or virDomainReset). A soft reboot leaves no other trace: the domain
 * keeps its id and its state, and its uptime is not visible without a guest agent. The count lives as long as the
 * driver; only its growth means something.
 */
final class GuestResets {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void count(String domainName) {
        counts.computeIfAbsent(domainName, name -> new AtomicLong()).incrementAndGet();
    }

    long of(String domainName) {
        AtomicLong count = counts.get(domainName);
        return count == null ? 0 : count.get();
    }

    void forget(String domainName) {
        counts.remove(domainName);
    }
}
