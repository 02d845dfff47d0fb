package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.DriverException;
import dev.stratus.agent.driver.HostCapabilities;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.driver.InstanceSpec;
import dev.stratus.agent.driver.PowerState;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;
import org.libvirt.NodeInfo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@link ComputeDriver} on libvirt/QEMU. A Stratus domain is named after its instance id, has it as
 * its UUID and carries {@link MetadataConfigurator Stratus metadata}; other domains are ignored.
 * Domains are persistent (defined, then started, and defined anew while shut off for a resize or rebuild); the memory
 * hard limit is applied after each start, from the definition's metadata. Power
 * operations ({@link DomainPower}) return without waiting for the guest; the state and its reason are read with
 * {@link DomainStates}, soft reboots are seen through {@link GuestResets}.
 * File permissions the caller must provide are described in {@code package-info.java}.
 */
public final class LibvirtDriver implements ComputeDriver, AutoCloseable {

    /** {@code VIR_DOMAIN_UNDEFINE_MANAGED_SAVE}: a suspended domain's saved memory goes with it. */
    private static final int UNDEFINE_MANAGED_SAVE = 1;

    private final String owner;
    private final String virtType;
    private final String machineType;
    private final InstanceStore instanceStore;
    private final DomainXmlWriter xmlWriter = new DomainXmlWriter();
    private final InstanceEvents events = new InstanceEvents();
    private final GuestResets resets = new GuestResets();
    private final LibvirtConnection connection;

    /** A driver for {@code virtType} ({@code kvm} or {@code qemu}) guests on the {@code pc} machine. */
    public LibvirtDriver(String uri, String virtType) {
        this(uri, virtType, "pc");
    }

    /** A driver with instance disks under {@code /var/lib/stratus}. */
    public LibvirtDriver(String uri, String virtType, String machineType) {
        this(uri, virtType, machineType, Path.of("/var/lib/stratus"));
    }

    /**
     * @param uri           libvirt URI, e.g. {@code qemu:///system}
     * @param virtType      {@code kvm}, or {@code qemu} for TCG (hosts where KVM guests hang)
     * @param machineType   QEMU machine model, e.g. {@code pc} or {@code q35}
     * @param instanceStore directory of instance disks; its file system's size is the host's disk capacity
     */
    public LibvirtDriver(String uri, String virtType, String machineType, Path instanceStore) {
        this(uri, virtType, machineType, instanceStore, null);
    }

    /**
     * @param owner the compute host this agent serves: its domains carry it, and domains of other owners on the same
     *              libvirt daemon are not this driver's (null: every Stratus domain is)
     */
    public LibvirtDriver(String uri, String virtType, String machineType, Path instanceStore, String owner) {
        new DomainSpec.Machine(virtType, machineType, null); // validates both, fails fast on bad config
        this.owner = owner;
        this.virtType = virtType;
        this.machineType = machineType;
        this.instanceStore = new InstanceStore(instanceStore);
        this.connection = new LibvirtConnection(uri, events::publish, resets::count, this::republishAll);
    }

    @Override
    public HostCapabilities capabilities() {
        return call("capabilities", null, c -> {
            NodeInfo node = c.nodeInfo();
            return new HostCapabilities(c.getHostName(), node.cpus, node.memory / 1024, instanceStore.capacityGb(), virtType);
        });
    }

    @Override
    public void spawn(InstanceSpec spec) {
        String id = instanceId(spec.instanceId());
        String xml = xmlWriter.write(DomainSpec.of(spec, virtType, machineType, owner));
        call("spawn", id, c -> {
            Domain existing = Domains.lookup(c, id);
            if (existing != null) {
                try {
                    if (existing.isActive() == 1) {
                        DomainMemoryTuning.applyCap(c, existing);
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
    public void redefine(InstanceSpec spec) {
        String id = instanceId(spec.instanceId());
        String xml = xmlWriter.write(DomainSpec.of(spec, virtType, machineType, owner));
        onDefined("redefine", id, (c, domain) -> {
            if (domain.isActive() == 1) {
                throw new IllegalStateException("the domain is not shut off");
            }
            if (domain.hasManagedSaveImage() == 1) {
                throw new IllegalStateException("the domain has saved memory of its old definition");
            }
            Domains.free(c.domainDefineXML(xml));
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
                Domains.ignoring(Error.ErrorNumber.VIR_ERR_NO_DOMAIN, () -> domain.undefine(UNDEFINE_MANAGED_SAVE));
                resets.forget(id);
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
    public void shutdown(String instanceId) {
        onDefined("shutdown", instanceId(instanceId), (c, domain) -> DomainPower.shutdown(domain));
    }

    @Override
    public void powerOff(String instanceId) {
        onDefined("power off", instanceId(instanceId), (c, domain) -> DomainPower.forceOff(domain));
    }

    @Override
    public void softReboot(String instanceId) {
        onDefined("soft reboot", instanceId(instanceId), (c, domain) -> DomainPower.softReboot(domain));
    }

    /** A hard reboot: a reset of the running machine (no guest cooperation), or a start if it is stopped. */
    @Override
    public void reboot(String instanceId) {
        onDefined("reboot", instanceId(instanceId), (c, domain) -> {
            if (domain.isActive() == 1) {
                DomainPower.reset(domain);
            } else {
                start(c, domain);
            }
        });
    }

    @Override
    public void pause(String instanceId) {
        onDefined("pause", instanceId(instanceId), (c, domain) -> DomainPower.pause(domain));
    }

    @Override
    public void unpause(String instanceId) {
        onDefined("unpause", instanceId(instanceId), (c, domain) -> DomainPower.unpause(domain));
    }

    @Override
    public void suspend(String instanceId) {
        onDefined("suspend", instanceId(instanceId), DomainPower::managedSave);
    }

    @Override
    public void discardSavedMemory(String instanceId) {
        onDefined("discard saved memory", instanceId(instanceId),
                (c, domain) -> DomainPower.discardManagedSave(domain));
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
                return ours(domain) ? Optional.ofNullable(describe(c, domain, id)) : Optional.empty();
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
                    InstanceInfo instance = InstanceEvents.isInstanceId(name) && ours(domain)
                            ? describe(c, domain, name) : null;
                    if (instance != null) {
                        instances.add(instance);
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

    /** The domain's state, shut-off reason, saved image and reset count; null if it vanished meanwhile. */
    /** A Stratus domain of this driver's owner (another agent's domains on the same libvirt are not ours). */
    private boolean ours(Domain domain) throws LibvirtException {
        return StratusMetadata.of(domain).map(m -> m.ownedBy(owner)).orElse(false);
    }

    private InstanceInfo describe(NativeConnect c, Domain domain, String id) throws LibvirtException {
        DomainStates state = DomainStates.read(c, id);
        if (state == null) {
            return null;
        }
        boolean saved = state.power() == PowerState.SHUTOFF && domain.hasManagedSaveImage() == 1;
        return new InstanceInfo(id, state.power(), state.reason(), saved, resets.of(id));
    }

    private void start(NativeConnect c, Domain domain) throws LibvirtException {
        domain.create();
        try {
            DomainMemoryTuning.applyCap(c, domain);
        } catch (RuntimeException | LibvirtException e) {
            Domains.ignoring(Error.ErrorNumber.VIR_ERR_OPERATION_INVALID, domain::destroy);
            throw e;
        }
    }

    private void republishAll() {
        try {
            list().forEach(instance -> events.publish(instance.instanceId()));
        } catch (DriverException e) {
            // the connection dropped again; the next reconnect republishes
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
}
