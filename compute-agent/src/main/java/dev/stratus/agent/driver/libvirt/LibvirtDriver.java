package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.HostCapabilities;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.InstanceSpec;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link ComputeDriver} on libvirt/QEMU. A Stratus domain is named after its instance id, has it as
 * its UUID and carries {@link MetadataConfigurator Stratus metadata}; other domains are ignored.
 * Domains are persistent (defined, then started); the memory hard limit is applied after each start.
 * File permissions the caller must provide are described in {@code package-info.java}.
 */
public final class LibvirtDriver implements ComputeDriver, AutoCloseable {

    private static final long MIB = 1024 * 1024;
    private static final long GIB = 1024 * MIB;
    private static final Duration POLL = Duration.ofMillis(100);

    private final String virtType;
    private final String machineType;
    private final Path instanceStore;
    private final Duration shutdownGrace;
    private final DomainXmlWriter xmlWriter = new DomainXmlWriter();
    private final InstanceEvents events = new InstanceEvents();
    private final LibvirtConnection connection;

    /** A driver for {@code virtType} ({@code kvm} or {@code qemu}) guests on the {@code pc} machine. */
    public LibvirtDriver(String uri, String virtType) {
        this(uri, virtType, "pc");
    }

    /** A driver with instance disks under {@code /var/lib/stratus} and a 10 s shutdown grace period. */
    public LibvirtDriver(String uri, String virtType, String machineType) {
        this(uri, virtType, machineType, Path.of("/var/lib/stratus"), Duration.ofSeconds(10));
    }

    /**
     * @param uri           libvirt URI, e.g. {@code qemu:///system}
     * @param virtType      {@code kvm}, or {@code qemu} for TCG (hosts where KVM guests hang)
     * @param machineType   QEMU machine model, e.g. {@code pc} or {@code q35}
     * @param instanceStore directory of instance disks; its file system's size is the host's disk capacity
     * @param shutdownGrace how long {@link #powerOff} waits for the guest before forcing it off
     */
    public LibvirtDriver(String uri, String virtType, String machineType, Path instanceStore, Duration shutdownGrace) {
        new DomainSpec.Machine(virtType, machineType, null); // validates both, fails fast on bad config
        this.virtType = virtType;
        this.machineType = machineType;
        this.instanceStore = instanceStore;
        this.shutdownGrace = shutdownGrace;
        this.connection = new LibvirtConnection(uri, events::publish, this::republishAll);
    }

    @Override
    public HostCapabilities capabilities() {
        return call("capabilities", null, c -> {
            NodeInfo node = c.nodeInfo();
            return new HostCapabilities(c.getHostName(), node.cpus, node.memory / 1024, diskGb(), virtType);
        });
    }

    @Override
    public void spawn(InstanceSpec spec) {
        String id = instanceId(spec.instanceId());
        String xml = xmlWriter.write(DomainSpec.of(spec, virtType, machineType));
        call("spawn", id, c -> {
            Domain existing = Domains.lookup(c, id);
            if (existing != null) {
                try {
                    if (existing.isActive() == 1) {
                        applyMemoryCap(c, existing);
                        return null;
                    }
                } finally {
                    Domains.free(existing);
                }
            }
            Domain domain = c.domainDefineXML(xml);
            try {
                start(c, domain);
            } finally {
                Domains.free(domain);
            }
            return null;
        });
    }

    @Override
    public void destroy(String instanceId) {
        String id = instanceId(instanceId);
        call("destroy", id, c -> {
            Domain domain = Domains.lookup(c, id);
            if (domain == null) {
                return null;
            }
            try {
                Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::destroy);
                Domains.ignoring(Error.ErrorNumber.VIR_ERR_NO_DOMAIN, domain::undefine);
            } finally {
                Domains.free(domain);
            }
            return null;
        });
    }

    @Override
    public void powerOn(String instanceId) {
        String id = instanceId(instanceId);
        onDefined("power on", id, (c, domain) -> {
            if (domain.isActive() != 1) {
                start(c, domain);
            }
        });
    }

    @Override
    public void powerOff(String instanceId) {
        String id = instanceId(instanceId);
        onDefined("power off", id, (c, domain) -> {
            if (domain.isActive() != 1) {
                return;
            }
            Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::shutdown);
            long deadline = System.nanoTime() + shutdownGrace.toNanos();
            while (domain.isActive() == 1 && System.nanoTime() < deadline) {
                sleep(POLL);
            }
            Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::destroy);
        });
    }

    /** A hard reboot: the QEMU process is stopped and started again (works without guest cooperation). */
    @Override
    public void reboot(String instanceId) {
        String id = instanceId(instanceId);
        onDefined("reboot", id, (c, domain) -> {
            Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::destroy);
            start(c, domain);
        });
    }

    @Override
    public Optional<InstanceInfo> info(String instanceId) {
        String id = instanceId(instanceId);
        return call("info", id, c -> {
            Domain domain = Domains.lookup(c, id);
            if (domain == null) {
                return Optional.empty();
            }
            try {
                return StratusMetadata.of(domain).isPresent()
                        ? Optional.of(new InstanceInfo(id, PowerStates.of(domain.getInfo().state)))
                        : Optional.empty();
            } finally {
                Domains.free(domain);
            }
        });
    }

    @Override
    public List<InstanceInfo> list() {
        return call("list", null, c -> {
            List<InstanceInfo> instances = new ArrayList<>();
            for (Domain domain : c.listAllDomains(0)) {
                try {
                    String name = domain.getName();
                    if (InstanceEvents.isInstanceId(name) && StratusMetadata.of(domain).isPresent()) {
                        instances.add(new InstanceInfo(name, PowerStates.of(domain.getInfo().state)));
                    }
                } catch (LibvirtException e) {
                    if (!Domains.is(e, Error.ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                        throw e;
                    }
                } finally {
                    Domains.free(domain);
                }
            }
            return instances;
        });
    }

    @Override
    public void onLifecycleEvent(Consumer<String> instanceIdChanged) {
        events.subscribe(instanceIdChanged);
        connection.openOrRetry();
    }

    /** Closes the libvirt connection and stops event delivery; running domains are left alone. */
    @Override
    public void close() {
        connection.close();
        events.close();
    }

    private void start(NativeConnect c, Domain domain) throws LibvirtException {
        domain.create();
        try {
            applyMemoryCap(c, domain);
        } catch (RuntimeException | LibvirtException e) {
            Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::destroy);
            throw e;
        }
    }

    private static void applyMemoryCap(NativeConnect c, Domain domain) throws LibvirtException {
        StratusMetadata metadata = StratusMetadata.of(domain)
                .orElseThrow(() -> new IllegalStateException("domain has no Stratus metadata"));
        DomainMemoryTuning.setHardLimit(c, UUID.fromString(metadata.instanceId()), metadata.memoryCapKib());
    }

    private void republishAll() {
        try {
            list().forEach(instance -> events.publish(instance.instanceId()));
        } catch (DriverException e) {
            // the connection dropped again; the next reconnect republishes
        }
    }

    private long diskGb() {
        Path existing = instanceStore.toAbsolutePath();
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return Files.getFileStore(existing).getTotalSpace() / GIB;
        } catch (IOException e) {
            throw new DriverException("cannot read the size of the file system of " + instanceStore, e);
        }
    }

    private interface DomainAction {
        void apply(NativeConnect c, Domain domain) throws LibvirtException;
    }

    private void onDefined(String operation, String id, DomainAction action) {
        call(operation, id, c -> {
            Domain domain = Domains.lookup(c, id);
            if (domain == null) {
                throw new DriverException(operation + " " + id + ": no such instance on this host");
            }
            try {
                action.apply(c, domain);
            } finally {
                Domains.free(domain);
            }
            return null;
        });
    }

    private <T> T call(String operation, String id, LibvirtConnection.Call<T> call) {
        try {
            return connection.call(call);
        } catch (LibvirtException | IllegalStateException e) {
            throw new DriverException(operation + (id == null ? "" : " " + id) + ": " + e.getMessage(), e);
        }
    }

    private static String instanceId(String instanceId) {
        try {
            return UUID.fromString(instanceId).toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("instance id must be a UUID, was " + instanceId, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException("interrupted", e);
        }
    }
}
