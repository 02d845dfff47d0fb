package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.InstanceSpec;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.file.Path;

import static dev.stratus.agent.driver.libvirt.DomainSpecs.configure;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.count;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.domain;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.instance;
import static dev.stratus.agent.driver.libvirt.DomainSpecs.xpath;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OsConfiguratorTest {

    @Test
    void directKernelBootOnTheConfiguredMachine() {
        Document xml = configure(new OsConfigurator(), DomainSpec.of(instance(null), "qemu", "q35"));

        assertEquals("hvm", xpath(xml, "/domain/os/type[@arch='x86_64'][@machine='q35']"));
        assertEquals("/var/lib/stratus/images/kernel", xpath(xml, "/domain/os/kernel"));
        assertEquals("/var/lib/stratus/images/initrd", xpath(xml, "/domain/os/initrd"));
        assertEquals("console=ttyS0 quiet", xpath(xml, "/domain/os/cmdline"));
        assertEquals(0, count(xml, "/domain/os/boot"));
    }

    @Test
    void biosBootFromDiskWithoutKernel() {
        InstanceSpec spec = new InstanceSpec(DomainSpecs.ID, 1, 128, null, 256, Path.of("/d/disk"), null, null, null,
                Path.of("/d/console.log"));

        Document xml = configure(new OsConfigurator(), domain(spec));

        assertEquals("hd", xpath(xml, "/domain/os/boot/@dev"));
        assertEquals(0, count(xml, "/domain/os/kernel | /domain/os/initrd | /domain/os/cmdline"));
    }
}
