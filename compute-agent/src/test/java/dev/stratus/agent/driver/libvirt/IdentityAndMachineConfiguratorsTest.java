package dev.stratus.agent.driver.libvirt;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import static dev.stratus.agent.driver.libvirt.DomainSpecs.ID;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.configure;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.count;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.domain;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.instance;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.xpath;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Name, UUID, Stratus metadata, domain type and TCG tuning. */
class IdentityAndMachineConfiguratorsTest {

    @Test
    void nameAndUuidAreTheInstanceId() {
        Document xml = configure(new IdentityConfigurator(), domain(instance(null)));

        assertEquals(ID, xpath(xml, "/domain/name"));
        assertEquals(ID, xpath(xml, "/domain/uuid"));
    }

    @Test
    void smbiosNamesTheProductCloudInitLooksForAndTheInstance() {
        Document xml = configure(new SmbiosConfigurator(), domain(instance(null)));

        assertEquals("smbios", xpath(xml, "/domain/sysinfo/@type"));
        assertEquals("OpenStack Nova", xpath(xml, "/domain/sysinfo/system/entry[@name='product']"));
        assertEquals(ID, xpath(xml, "/domain/sysinfo/system/entry[@name='serial']"));
        assertEquals(ID, xpath(xml, "/domain/sysinfo/system/entry[@name='uuid']"));
        assertEquals("sysinfo", xpath(xml, "/domain/os/smbios/@mode"));
    }

    @Test
    void metadataMarksTheDomainAndRecordsTheMemoryCap() {
        Document xml = configure(new MetadataConfigurator(), domain(instance(null)));

        var instance = xml.getElementsByTagNameNS(MetadataConfigurator.NAMESPACE, "instance");
        assertEquals(1, instance.getLength());
        String serialized = DomainSpecs.xpath(xml, "name(/domain/metadata/*)");
        assertEquals("stratus:instance", serialized);
        StratusMetadata metadata = StratusMetadata.parse(
                "<stratus:instance xmlns:stratus='" + MetadataConfigurator.NAMESPACE + "' id='" + ID
                        + "' memory-cap-kib='524288'/>");
        assertEquals(new StratusMetadata(ID, 524288, ""), metadata);
        org.junit.jupiter.api.Assertions.assertTrue(metadata.ownedBy("host-a"), "no owner recorded: any agent's");
        assertEquals(ID, ((org.w3c.dom.Element) instance.item(0)).getAttribute("id"));
        assertEquals("524288", ((org.w3c.dom.Element) instance.item(0)).getAttribute("memory-cap-kib"));
    }

    @Test
    void theOwningHostIsRecordedAndOtherAgentsLeaveTheDomainAlone() {
        DomainSpec spec = DomainSpec.of(instance(null), "qemu", "pc", "host-a");
        Document xml = configure(new MetadataConfigurator(), spec);
        String host = ((org.w3c.dom.Element) xml.getElementsByTagNameNS(MetadataConfigurator.NAMESPACE, "instance")
                .item(0)).getAttribute("host");
        assertEquals("host-a", host);
        StratusMetadata metadata = new StratusMetadata(ID, 1, host);
        org.junit.jupiter.api.Assertions.assertTrue(metadata.ownedBy("host-a"));
        org.junit.jupiter.api.Assertions.assertFalse(metadata.ownedBy("host-b"), "another agent's domain");
    }

    @Test
    void tcgGetsABoundedTranslationCache() {
        Document xml = configure(new MachineConfigurator(), domain(instance(null)));

        assertEquals("qemu", xpath(xml, "/domain/@type"));
        assertEquals(String.valueOf(DomainSpec.Machine.TCG_CACHE_MB), xpath(xml, "/domain/features/tcg/tb-cache"));
        assertEquals(1, count(xml, "/domain/features/acpi"));
        assertEquals("destroy", xpath(xml, "/domain/on_poweroff"));
    }

    @Test
    void kvmHasNoTcgTuning() {
        Document xml = configure(new MachineConfigurator(), DomainSpec.of(instance(null), "kvm", "pc"));

        assertEquals("kvm", xpath(xml, "/domain/@type"));
        assertEquals(0, count(xml, "/domain/features/tcg"));
    }
}
