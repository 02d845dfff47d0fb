package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.InstanceSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.file.Path;

import static dev.stratus.agent.driver.libvirt.DomainSpecs.ID;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.count;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.domain;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.instance;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.parse;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.xpath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DomainXmlWriterTest {

    private final DomainXmlWriter writer = new DomainXmlWriter();

    @Test
    void writesOneWellFormedDomainWithEveryConcern() {
        Document xml = parse(writer.write(domain(instance(50))));

        assertEquals("qemu", xpath(xml, "/domain/@type"));
        assertEquals(ID, xpath(xml, "/domain/name"));
        assertEquals(1, count(xml, "/domain/devices"));
        assertEquals(1, count(xml, "/domain/metadata"));
        assertEquals(1, count(xml, "/domain/features"));
        assertEquals("2048", xpath(xml, "/domain/cputune/shares"));
        assertEquals("262144", xpath(xml, "/domain/memtune/soft_limit"));
        assertEquals(5, count(xml, "/domain/devices/*"));
    }

    @Test
    void hostileStringsAreEscapedByConstruction() {
        String cmdline = "console=ttyS0 x=\"</cmdline><devices><disk/></devices>\" & y='1' ]]>";
        Path odd = Path.of("/var/lib/stratus/a&b/<disk>'\".qcow2");
        InstanceSpec spec = new InstanceSpec(ID, 1, 128, null, 256, odd, Path.of("/k"), null, cmdline,
                Path.of("/logs/c&l.log"));

        String text = writer.write(domain(spec));
        Document xml = parse(text);

        assertEquals(cmdline, xpath(xml, "/domain/os/cmdline"));
        assertEquals(odd.toString(), xpath(xml, "/domain/devices/disk/source/@file"));
        assertEquals("/logs/c&l.log", xpath(xml, "/domain/devices/serial/source/@path"));
        assertEquals(1, count(xml, "/domain/devices/disk"));
        assertFalse(text.contains("<disk/>"));
    }

    @Test
    void instanceIdMustBeAUuid() {
        InstanceSpec spec = new InstanceSpec("web-1</name>", 1, 128, null, 256, Path.of("/d"), null, null, null,
                Path.of("/c"));

        assertThrows(IllegalArgumentException.class, () -> domain(spec));
    }
}
