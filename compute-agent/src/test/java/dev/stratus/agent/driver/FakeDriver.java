package dev.stratus.agent.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory {@link ComputeDriver} for control-plane tests (like Nova's {@code virt/fake.py}):
 * instances are map entries, power actions change their state at once, and every state change is
 * reported to the lifecycle listeners synchronously on the calling thread. Tests can also crash an
 * instance, make the next operations fail, and read what was spawned.
 */
public class FakeDriver implements ComputeDriver {

    private final Map<String, InstanceSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, PowerState> states = new ConcurrentHashMap<>();
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
        if (states.get(spec.instanceId()) == PowerState.RUNNING) {
            return;
        }
        specs.put(spec.instanceId(), spec);
        change(spec.instanceId(), PowerState.RUNNING);
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
        change(defined(instanceId), PowerState.RUNNING);
    }

    @Override
    public void powerOff(String instanceId) {
        record("powerOff", instanceId);
        change(defined(instanceId), PowerState.SHUTOFF);
    }

    @Override
    public void reboot(String instanceId) {
        record("reboot", instanceId);
        change(defined(instanceId), PowerState.RUNNING);
    }

    @Override
    public Optional<InstanceInfo> info(String instanceId) {
        return Optional.ofNullable(states.get(instanceId)).map(state -> new InstanceInfo(instanceId, state));
    }

    @Override
    public List<InstanceInfo> list() {
        List<InstanceInfo> all = new ArrayList<>();
        states.forEach((id, state) -> all.add(new InstanceInfo(id, state)));
        return all;
    }

    @Override
    public void onLifecycleEvent(Consumer<String> instanceIdChanged) {
        listeners.add(instanceIdChanged);
    }

    /** Puts the instance into {@code state} as if the hypervisor did it (e.g. a guest crash) and reports it. */
    public void setState(String instanceId, PowerState state) {
        change(defined(instanceId), state);
    }

    /** Makes the next call of {@code operation} ("spawn", "destroy", "powerOn", ...) throw {@code failure}. */
    public void failNext(String operation, DriverException failure) {
        failures.put(operation, failure);
    }

    /** The spec the instance was last spawned with, if it exists. */
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

    private void change(String instanceId, PowerState state) {
        states.put(instanceId, state);
        notifyListeners(instanceId);
    }

    private void notifyListeners(String instanceId) {
        listeners.forEach(listener -> listener.accept(instanceId));
    }
}
