package dev.stratus.agent.config;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.libvirt.LibvirtDriver;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The production driver: domains on the libvirt daemon at {@code stratus.agent.libvirt-uri}; the host's disk
 * capacity is that of the file system holding {@code stratus.agent.state-dir}.
 */
@Singleton
public class LibvirtDriverFactory implements DriverFactory {
    private final HostIdentity host;

    public LibvirtDriverFactory(HostIdentity host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "libvirt";
    }

    @Override
    public ComputeDriver create(AgentConfig config) {
        try {
            Files.createDirectories(config.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the agent state directory " + config.stateDir(), e);
        }
        return new LibvirtDriver(config.libvirtUri(), config.virtType(), config.machineType(), config.stateDir(),
                host.host());
    }
}
