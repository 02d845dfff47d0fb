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

/** Disks, the config drive's CD-ROM, console and the default devices turned off. */
class DeviceConfiguratorsTest {

    @Test
    void rootDiskIsVirtioQcow2() {
        Document xml = configure(new DiskConfigurator(), domain(instance(null)));

        assertEquals(1, count(xml, "/domain/devices/disk[@type='file'][@device='disk']"));
        assertEquals("qcow2", xpath(xml, "/domain/devices/disk/driver[@name='qemu']/@type"));
        assertEquals("/var/lib/stratus/instances/" + ID + "/disk", xpath(xml, "/domain/devices/disk/source/@file"));
        assertEquals("vda", xpath(xml, "/domain/devices/disk/target[@bus='virtio']/@dev"));
    }

    @Test
    void theConfigDriveIsAReadOnlyIdeCdromOnPc() {
        Document xml = configure(new CdromConfigurator(), DomainSpec.of(withDrive(), "qemu", "pc"));

        assertEquals(1, count(xml, "/domain/devices/disk[@type='file'][@device='cdrom']"));
        assertEquals("raw", xpath(xml, "/domain/devices/disk/driver[@name='qemu']/@type"));
        assertEquals("/var/lib/stratus/instances/" + ID + "/disk.config", xpath(xml,
                "/domain/devices/disk/source/@file"));
        assertEquals("hdd", xpath(xml, "/domain/devices/disk/target[@bus='ide']/@dev"));
        assertEquals(1, count(xml, "/domain/devices/disk/readonly"));
        assertEquals(0, count(xml, "/domain/devices/controller"));
    }

    @Test
    void onQ35TheConfigDriveIsOnVirtioScsi() {
        Document xml = configure(new CdromConfigurator(), DomainSpec.of(withDrive(), "qemu", "q35"));

        assertEquals("sda", xpath(xml, "/domain/devices/disk[@device='cdrom']/target[@bus='scsi']/@dev"));
        assertEquals(1, count(xml, "/domain/devices/controller[@type='scsi'][@model='virtio-scsi']"));
        assertEquals(1, count(xml, "/domain/devices/disk/readonly"));
    }

    @Test
    void noConfigDriveNoCdrom() {
        Document xml = configure(new CdromConfigurator(), domain(instance(null)));

        assertEquals(0, count(xml, "/domain/devices/disk | /domain/devices/controller"));
    }

    private static dev.stratus.agent.driver.InstanceSpec withDrive() {
        dev.stratus.agent.driver.InstanceSpec spec = instance(null);
        return new dev.stratus.agent.driver.InstanceSpec(spec.instanceId(), spec.vcpus(), spec.ramMb(),
                spec.cpuQuotaPercent(), spec.memoryCapMb(), spec.rootDisk(), spec.kernel(), spec.initrd(),
                spec.kernelCmdline(), spec.consoleLog(), spec.nics(),
                java.nio.file.Path.of("/var/lib/stratus/instances/" + ID + "/disk.config"));
    }

    @Test
    void serialPortAndConsoleWriteTheSameLogFile() {
        Document xml = configure(new ConsoleConfigurator(), domain(instance(null)));

        String log = "/var/lib/stratus/instances/" + ID + "/console.log";
        assertEquals(log, xpath(xml, "/domain/devices/serial[@type='file']/source/@path"));
        assertEquals("0", xpath(xml, "/domain/devices/serial/target/@port"));
        assertEquals(log, xpath(xml, "/domain/devices/console[@type='file']/source/@path"));
        assertEquals("serial", xpath(xml, "/domain/devices/console/target/@type"));
    }

    @Test
    void usbAndBalloonAreOff() {
        Document xml = configure(new MinimalDevicesConfigurator(), domain(instance(null)));

        assertEquals(1, count(xml, "/domain/devices/controller[@type='usb'][@model='none']"));
        assertEquals(1, count(xml, "/domain/devices/memballoon[@model='none']"));
        assertEquals(0, count(xml, "/domain/devices/graphics | /domain/devices/video"));
    }
}
