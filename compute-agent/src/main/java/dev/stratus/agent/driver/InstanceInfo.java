package dev.stratus.agent.driver;

/**
 * What the hypervisor reports about one instance.
 *
 * @param instanceId the Stratus instance id
 * @param powerState the hypervisor's power state of it
 */
public record InstanceInfo(String instanceId, PowerState powerState) {
}
