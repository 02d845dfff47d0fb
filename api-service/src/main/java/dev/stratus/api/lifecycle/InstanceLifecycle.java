package dev.stratus.api.lifecycle;

import dev.stratus.api.model.Instance;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.problem.ApiException;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The one place that says which action each stable state allows; anything else is a 409. */
public final class InstanceLifecycle {
    private static final Map<VmState, Set<InstanceAction>> ALLOWED = new EnumMap<>(VmState.class);

    static {
        ALLOWED.put(VmState.BUILDING, EnumSet.of(InstanceAction.DELETE, InstanceAction.CONSOLE));
        ALLOWED.put(VmState.ACTIVE, EnumSet.of(InstanceAction.DELETE, InstanceAction.CONSOLE, InstanceAction.SNAPSHOT));
        ALLOWED.put(VmState.STOPPED, EnumSet.of(InstanceAction.DELETE, InstanceAction.CONSOLE,
                InstanceAction.SNAPSHOT));
        ALLOWED.put(VmState.ERROR, EnumSet.of(InstanceAction.DELETE, InstanceAction.CONSOLE));
        ALLOWED.put(VmState.DELETED, EnumSet.noneOf(InstanceAction.class));
    }

    private InstanceLifecycle() {
    }

    public static boolean allows(VmState state, InstanceAction action) {
        return ALLOWED.getOrDefault(state, Set.of()).contains(action);
    }

    /** Throws a 409 problem naming the state when the action is not allowed in it. */
    public static void require(Instance instance, InstanceAction action) {
        if (!allows(instance.vmState, action)) {
            throw ApiException.conflict("cannot " + action.name().toLowerCase() + " server " + instance.id
                    + " while it is " + instance.vmState);
        }
    }
}
