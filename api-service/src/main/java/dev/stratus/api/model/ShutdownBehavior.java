package dev.stratus.api.model;

/**
 * What happens when the guest powers itself off (EC2's {@code InstanceInitiatedShutdownBehavior}): the server stays,
 * STOPPED ({@code stop}, the default), or is deleted with everything it holds ({@code delete}): how a CI job ends
 * its throwaway VM with {@code poweroff}.
 */
public enum ShutdownBehavior {
    STOP, DELETE;

    public String apiName() {
        return name().toLowerCase();
    }

    /** The behaviour of an API value ({@code stop} or {@code delete}), or null for another value. */
    public static ShutdownBehavior ofApiName(String value) {
        for (ShutdownBehavior b : values()) {
            if (b.apiName().equals(value)) {
                return b;
            }
        }
        return null;
    }
}
