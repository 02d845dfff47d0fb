package dev.stratus.agent.driver.libvirt;

import org.w3c.dom.Element;

/**
 * The first serial port written to the console log file, and {@code <console>} on the same port.
 * libvirtd opens the file itself (as root) and hands the descriptor to QEMU, so the log directory
 * needs no permissions for the QEMU user. The file is appended to ({@code append='on'}): a stop and start, a
 * reboot or a resume keeps what the guest printed before, as a console log should.
 */
final class ConsoleConfigurator implements DomainConfigurator {

    @Override
    public void configure(DomainSpec spec, DomainDocument domain) {
        String path = spec.console().logFile().toAbsolutePath().toString();
        Element serial = domain.appendWith(domain.devices(), "serial", "type", "file");
        domain.appendWith(serial, "source", "path", path, "append", "on");
        domain.appendWith(serial, "target", "port", "0");
        Element console = domain.appendWith(domain.devices(), "console", "type", "file");
        domain.appendWith(console, "source", "path", path, "append", "on");
        domain.appendWith(console, "target", "type", "serial", "port", "0");
    }
}
