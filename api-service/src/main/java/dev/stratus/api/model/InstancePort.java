package dev.stratus.api.model;

/**
 * One network port of an instance as its server view shows it (its fixed address on a network), kept with the
 * instance at create: the ports do not change for the instance's life (a rebuild or resize keeps them).
 *
 * @param networkName the network's name when the server was created (its id if network-service did not say)
 */
public record InstancePort(String portId, String networkId, String networkName, String ipAddress,
        String macAddress) {
}
