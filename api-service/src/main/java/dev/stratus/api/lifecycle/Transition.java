package dev.stratus.api.lifecycle;

import dev.stratus.api.model.DesiredState;
import dev.stratus.api.model.TaskState;
import dev.stratus.contracts.VmState;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.stratus.contracts.VmState.ACTIVE;
import static dev.stratus.contracts.VmState.BUILDING;
import static dev.stratus.contracts.VmState.ERROR;
import static dev.stratus.contracts.VmState.PAUSED;
import static dev.stratus.contracts.VmState.RESIZED;
import static dev.stratus.contracts.VmState.STOPPED;
import static dev.stratus.contracts.VmState.SUSPENDED;

/**
 * The table of what a user may ask of an instance: in which {@code vm_state}s each action is allowed, whether it may
 * start while another task runs, the {@code task_state} it runs as, what the user then wants, and the
 * {@code vm_state} it ends in. Anything else is a 409. {@code docs/lifecycle.md} shows this table
 * ({@link #markdown()}; a test keeps the two equal).
 */
public enum Transition {
    DELETE("delete", EnumSet.of(BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED, ERROR), true, TaskState.DELETING,
            DesiredState.DELETED, VmState.DELETED),
    EXPIRE("expire", EnumSet.of(BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED, ERROR), true, TaskState.DELETING,
            DesiredState.DELETED, VmState.DELETED),
    STOP("stop", EnumSet.of(ACTIVE, PAUSED), false, TaskState.POWERING_OFF, DesiredState.STOPPED, STOPPED),
    START("start", EnumSet.of(STOPPED), false, TaskState.POWERING_ON, DesiredState.RUNNING, ACTIVE),
    REBOOT_SOFT("reboot (soft)", EnumSet.of(ACTIVE), false, TaskState.REBOOTING, DesiredState.RUNNING, ACTIVE),
    REBOOT_HARD("reboot (hard)", EnumSet.of(ACTIVE, PAUSED, STOPPED), false, TaskState.REBOOTING_HARD,
            DesiredState.RUNNING, ACTIVE),
    PAUSE("pause", EnumSet.of(ACTIVE), false, TaskState.PAUSING, DesiredState.PAUSED, PAUSED),
    UNPAUSE("unpause", EnumSet.of(PAUSED), false, TaskState.UNPAUSING, DesiredState.RUNNING, ACTIVE),
    SUSPEND("suspend", EnumSet.of(ACTIVE), false, TaskState.SUSPENDING, DesiredState.SUSPENDED, SUSPENDED),
    RESUME("resume", EnumSet.of(SUSPENDED), false, TaskState.RESUMING, DesiredState.RUNNING, ACTIVE),
    SNAPSHOT("snapshot", EnumSet.of(ACTIVE, STOPPED), false, TaskState.IMAGE_SNAPSHOT, null, null),
    RESIZE("resize", EnumSet.of(ACTIVE, STOPPED), false, TaskState.RESIZE_PREP, null, RESIZED),
    CONFIRM_RESIZE("confirm-resize", EnumSet.of(RESIZED), false, null, null, null),
    REVERT_RESIZE("revert-resize", EnumSet.of(RESIZED), false, TaskState.RESIZE_REVERTING, null, null),
    REBUILD("rebuild", EnumSet.of(ACTIVE, STOPPED, ERROR), false, TaskState.REBUILDING, null, null),
    CONSOLE("console", EnumSet.of(BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED, RESIZED, ERROR), true, null, null,
            null);

    private final String label;
    private final Set<VmState> from;
    private final boolean duringTask;
    private final TaskState task;
    private final DesiredState desired;
    private final VmState endsIn;

    Transition(String label, Set<VmState> from, boolean duringTask, TaskState task, DesiredState desired,
            VmState endsIn) {
        this.label = label;
        this.from = from;
        this.duringTask = duringTask;
        this.task = task;
        this.desired = desired;
        this.endsIn = endsIn;
    }

    /** The action's name as the API and the action history spell it ({@code reboot} for both reboots). */
    public String actionName() {
        return label.replace(" (soft)", "").replace(" (hard)", "");
    }

    /** Whether the action may start in this state (vm_state, and task_state unless it may run beside a task). */
    public boolean allows(VmState vmState, TaskState taskState) {
        return from.contains(vmState) && (duringTask || taskState == null);
    }

    /** The task the action runs as, or null if it starts none. */
    public TaskState task() {
        return task;
    }

    /** What the user wants once asked, or null if the action does not change it (a snapshot). */
    public DesiredState desired() {
        return desired;
    }

    /**
     * The vm_state the instance is in when the task is over, or null if the action leaves it as it was (a snapshot,
     * a rebuild, a revert: the stable state from before) or starts no task.
     */
    public VmState endsIn() {
        return endsIn;
    }

    /** The action whose task this is, or null (scheduling and spawning belong to the create). */
    public static Transition ofTask(TaskState task) {
        for (Transition t : values()) {
            if (t.task == task && task != null) { // deleting: DELETE, whose row EXPIRE repeats
                return t;
            }
        }
        return null;
    }

    /** The table as {@code docs/lifecycle.md} shows it. */
    public static String markdown() {
        StringBuilder table = new StringBuilder(
                "| action | allowed vm_state | while a task runs | task_state | desired state | ends in vm_state |\n"
                        + "|---|---|---|---|---|---|\n");
        for (Transition t : values()) {
            table.append("| ").append(t.label)
                    .append(" | ").append(t.from.stream().map(Enum::name).collect(Collectors.joining(", ")))
                    .append(" | ").append(t.duringTask ? "yes" : "no")
                    .append(" | ").append(t.task == null ? "—" : t.task.apiName())
                    .append(" | ").append(t.desired == null ? "—" : t.desired.name())
                    .append(" | ").append(t.endsIn == null ? "—" : t.endsIn.name()).append(" |\n");
        }
        return table.toString();
    }

    static String allowedStates(Transition t) {
        return Arrays.stream(VmState.values()).filter(t.from::contains).map(Enum::name)
                .collect(Collectors.joining(" or "));
    }
}
