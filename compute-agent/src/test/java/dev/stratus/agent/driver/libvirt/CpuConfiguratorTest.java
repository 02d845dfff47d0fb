package dev.stratus.agent.driver.libvirt;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static dev.stratus.agent.driver.libvirt.DomainSpecs.configure;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.count;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.domain;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.instance;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.xpath;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuConfiguratorTest {

    @Test
    void sharesAreWeightedByVcpusAndQuotaCapsEachVcpuAndTheWholeDomain() {
        Document xml = configure(new CpuConfigurator(), domain(instance(50)));

        assertEquals("2", xpath(xml, "/domain/vcpu"));
        assertEquals("2048", xpath(xml, "/domain/cputune/shares"));
        assertEquals("100000", xpath(xml, "/domain/cputune/period"));
        assertEquals("50000", xpath(xml, "/domain/cputune/quota"));
        assertEquals("100000", xpath(xml, "/domain/cputune/global_period"));
        assertEquals("100000", xpath(xml, "/domain/cputune/global_quota"));
    }

    @Test
    void noQuotaWithoutCpuCap() {
        Document xml = configure(new CpuConfigurator(), domain(instance(null)));

        assertEquals("2048", xpath(xml, "/domain/cputune/shares"));
        assertEquals(0, count(xml, "/domain/cputune/period | /domain/cputune/quota | /domain/cputune/global_quota"));
    }
}
