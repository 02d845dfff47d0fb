package dev.stratus.agent.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory {@link ComputeDriver} for control-plane tests (like Nova's {@code virt/fake.py}):
 * instances are map entries, power actions change their state at once (a guest obeys ACPI at once unless told to
 * ignore it), and every state change is reported to the lifecycle listeners synchronously on the calling thread.
 * Tests can also stop an instance behind the agent's back with a reason (guest shutdown, destroy, crash), make the
 * next operations fail, and read what was spawned or redefined.
 */
public class FakeDriver implements ComputeDriver {

    private final Map<String, InstanceSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, InstanceInfo> states = new ConcurrentHashMap<>();
    private final Set<String> acpiIgnored = ConcurrentHashMap.newKeySet();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final Map<String, DriverException> failures = new ConcurrentHashMap<>();
    private final HostCapabilities capabilities;

    public FakeDriver() {
        this(new HostCapabilities("fake-host", 8, 16_384, 200, "qemu"));
    }

    public FakeDriver(HostCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    @Override
    public HostCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void spawn(InstanceSpec spec) {
        record("spawn", spec.instanceId());
        if (powerOf(spec.instanceId()) == PowerState.RUNNING) {
            return;
        }
        specs.put(spec.instanceId(), spec);
        change(spec.instanceId(), PowerState.RUNNING, ShutoffReason.NONE, false);
    }

    /** Replaces the spec of a shut-off instance (no saved memory); the state does not change. */
    @Override
    public void redefine(InstanceSpec spec) {
        record("redefine", spec.instanceId());
        InstanceInfo info = states.get(defined(spec.instanceId()));
        if (info.powerState() != PowerState.SHUTOFF || info.savedToDisk()) {
            throw new DriverException(spec.instanceId() + " is not shut off");
        }
        specs.put(spec.instanceId(), spec);
    }

    @Override
    public void destroy(String instanceId) {
        record("destroy", instanceId);
        specs.remove(instanceId);
        if (states.remove(instanceId) != null) {
            notifyListeners(instanceId);
        }
    }

    @Override
    public void powerOn(String instanceId) {
        record("powerOn", instanceId);
        if (powerOf(defined(instanceId)) != PowerState.RUNNING && powerOf(instanceId) != PowerState.PAUSED) {
            change(instanceId, PowerState.RUNNING, ShutoffReason.NONE, false);
        }
    }

    /** The guest obeys the power button at once, unless {@link #ignoreAcpi} was called for it. */
    @Override
    public void shutdown(String instanceId) {
        record("shutdown", instanceId);
        if (powerOf(defined(instanceId)) == PowerState.RUNNING && !acpiIgnored.contains(instanceId)) {
            change(instanceId, PowerState.SHUTOFF, ShutoffReason.GUEST_SHUTDOWN, false);
        }
    }

    @Override
    public void powerOff(String instanceId) {
        record("powerOff", instanceId);
        if (powerOf(defined(instanceId)) != PowerState.SHUTOFF) {
            change(instanceId, PowerState.SHUTOFF, ShutoffReason.DESTROYED, false);
        }
    }

    /** The guest resets at once (its reset count grows), unless {@link #ignoreAcpi} was called for it. */
    @Override
    public void softReboot(String instanceId) {
        record("softReboot", instanceId);
        if (powerOf(defined(instanceId)) != PowerState.RUNNING) {
            throw new DriverException(instanceId + " is not running");
        }
        if (!acpiIgnored.contains(instanceId)) {
            reset(instanceId);
        }
    }

    @Override
    public void reboot(String instanceId) {
        record("reboot", instanceId);
        if (powerOf(defined(instanceId)) == PowerState.SHUTOFF) {
            change(instanceId, PowerState.RUNNING, ShutoffReason.NONE, false);
        } else {
            reset(instanceId);
        }
    }

    @Override
    public void pause(String instanceId) {
        record("pause", instanceId);
        PowerState power = powerOf(defined(instanceId));
        if (power == PowerState.RUNNING) {
            change(instanceId, PowerState.PAUSED, ShutoffReason.NONE, false);
        } else if (power != PowerState.PAUSED) {
            throw new DriverException(instanceId + " is not running");
        }
    }

    @Override
    public void unpause(String instanceId) {
        record("unpause", instanceId);
        if (powerOf(defined(instanceId)) == PowerState.PAUSED) {
            change(instanceId, PowerState.RUNNING, ShutoffReason.NONE, false);
        }
    }

    @Override
    public void suspend(String instanceId) {
        record("suspend", instanceId);
        InstanceInfo info = states.get(defined(instanceId));
        if (info.powerState() == PowerState.SHUTOFF) {
            if (!info.savedToDisk()) {
                throw new DriverException(instanceId + " is shut off");
            }
            return;
        }
        change(instanceId, PowerState.SHUTOFF, ShutoffReason.SAVED, true);
    }

    @Override
    public void discardSavedMemory(String instanceId) {
        record("discardSavedMemory", instanceId);
        InstanceInfo info = states.get(defined(instanceId));
        if (info.savedToDisk()) {
            change(instanceId, info.powerState(), info.shutoffReason(), false);
        }
    }

    @Override
    public Optional<InstanceInfo> info(String instanceId) {
        return Optional.ofNullable(states.get(instanceId));
    }

    @Override
    public List<InstanceInfo> list() {
        return new ArrayList<>(states.values());
    }

    @Override
    public void onLifecycleEvent(Consumer<String> instanceIdChanged) {
        listeners.add(instanceIdChanged);
    }

    /** Puts the instance into {@code state} as if the hypervisor did it (no known reason) and reports it. */
    public void setState(String instanceId, PowerState state) {
        InstanceInfo plain = new InstanceInfo(instanceId, state);
        change(defined(instanceId), state, plain.shutoffReason(), false);
    }

    /** The domain goes shut off for {@code reason} (the guest powered off, someone destroyed it, QEMU died). */
    public void stopBehindTheAgentsBack(String instanceId, ShutoffReason reason) {
        change(defined(instanceId), PowerState.SHUTOFF, reason, false);
    }

    /** The guest ignores ACPI power button presses from now on (shutdown and soft reboot do nothing). */
    public void ignoreAcpi(String instanceId) {
        acpiIgnored.add(instanceId);
    }

    /** Makes the next call of {@code operation} ("spawn", "destroy", "powerOn", ...) throw {@code failure}. */
    public void failNext(String operation, DriverException failure) {
        failures.put(operation, failure);
    }

    /** The spec the instance was last spawned or redefined with, if it exists. */
    public Optional<InstanceSpec> spec(String instanceId) {
        return Optional.ofNullable(specs.get(instanceId));
    }

    /** Every operation called so far, as {@code "<operation> <instanceId>"}, in order. */
    public List<String> operations() {
        return List.copyOf(operations);
    }

    private void record(String operation, String instanceId) {
        operations.add(operation + " " + instanceId);
        DriverException failure = failures.remove(operation);
        if (failure != null) {
            throw failure;
        }
    }

    private String defined(String instanceId) {
        if (!states.containsKey(instanceId)) {
            throw new DriverException(instanceId + ": no such instance on this host");
        }
        return instanceId;
    }

    private PowerState powerOf(String instanceId) {
        InstanceInfo info = states.get(instanceId);
        return info == null ? null : info.powerState();
    }

    private void reset(String instanceId) {
        InstanceInfo info = states.get(instanceId);
        states.put(instanceId, new InstanceInfo(instanceId, info.powerState(), info.shutoffReason(),
                info.savedToDisk(), info.resets() + 1));
        notifyListeners(instanceId);
    }

    private void change(String instanceId, PowerState state, ShutoffReason reason, boolean saved) {
        InstanceInfo previous = states.get(instanceId);
        states.put(instanceId, new InstanceInfo(instanceId, state, reason, saved,
                previous == null ? 0 : previous.resets()));
        notifyListeners(instanceId);
    }

    private void notifyListeners(String instanceId) {
        listeners.forEach(listener -> listener.accept(instanceId));
    }
}
