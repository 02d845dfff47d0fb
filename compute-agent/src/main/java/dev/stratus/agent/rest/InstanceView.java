package dev.stratus.agent.rest;

/**
 * What the agent knows of one instance, for debugging: desired state, what the driver shows, and the last
 * status it reported.
 *
 * @param desiredState RUNNING, STOPPED or DELETED; null for a domain not managed by this agent
 * @param powerState   the driver's power state; null if no domain exists
 * @param vmState      the last reported vm_state, or null
 */
public record InstanceView(String instanceId, String desiredState, boolean adopted, String powerState,
        String vmState, Long seq, String fault) {
}
