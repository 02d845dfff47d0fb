package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * {@code <vcpu>} and {@code <cputune>}: cpu.shares weighted by vCPU count and, when the flavor caps
 * the CPU, a CFS quota per vCPU thread plus the same total on the whole domain cgroup.
 */
final class CpuConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        DomainSpec.Cpu cpu = spec.cpu();
        domain.append(domain.root(), "vcpu", cpu.vcpus()).setAttribute("placement", "static");
        Element cputune = domain.child(domain.root(), "cputune");
        domain.append(cputune, "shares", cpu.shares());
        if (cpu.quotaUs() != null) {
            domain.append(cputune, "period", cpu.periodUs());
            domain.append(cputune, "quota", cpu.quotaUs());
        }
        if (cpu.globalQuotaUs() != null) {
            domain.append(cputune, "global_period", cpu.periodUs());
            domain.append(cputune, "global_quota", cpu.globalQuotaUs());
        }
    }
}
