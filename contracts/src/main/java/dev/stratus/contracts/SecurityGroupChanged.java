package dev.stratus.contracts;

import java.time.Instant;

/**
 * A security group's rules or members changed: every agent with a port in the group (or in a group whose rules
 * name it as remote group) renders its firewall again. Version 1.
 */
public record SecurityGroupChanged(String eventId, int version, String securityGroupId, String projectId,
        Instant changedAt) implements StratusEvent {
    public static final int VERSION = 1;
}
