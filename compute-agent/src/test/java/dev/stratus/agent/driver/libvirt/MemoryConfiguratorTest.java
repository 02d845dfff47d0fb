package dev.stratus.agent.driver.libvirt;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static dev.stratus.agent.driver.libvirt.DomainSpecs.configure;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.count;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.domain;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.instance;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.xpath;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryConfiguratorTest {

    @Test
    void ramAndSoftLimitInKibButNoHardLimitInTheDefinition() {
        Document xml = configure(new MemoryConfigurator(), domain(instance(null)));

        assertEquals("262144", xpath(xml, "/domain/memory[@unit='KiB']"));
        assertEquals("262144", xpath(xml, "/domain/currentMemory[@unit='KiB']"));
        assertEquals("262144", xpath(xml, "/domain/memtune/soft_limit[@unit='KiB']"));
        assertEquals(0, count(xml, "/domain/memtune/hard_limit"));
    }
}
