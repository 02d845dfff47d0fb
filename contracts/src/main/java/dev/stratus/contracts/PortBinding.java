package dev.stratus.contracts;

/**
 * One network port of an instance, as the agent needs it to plug the instance in: the tap gets {@code macAddress},
 * the network's DHCP server answers it with {@code ipAddress}.
 *
 * @param cidr         the subnet of {@code ipAddress}, e.g. {@code 10.0.0.0/24}
 * @param gatewayIp    the subnet's gateway (offered by DHCP), or null
 * @param dhcpServerIp the address of the network's DHCP server on that subnet
 * @param mtu          the network's MTU
 */
public record PortBinding(String portId, String networkId, String macAddress, String ipAddress, String cidr,
        String gatewayIp, String dhcpServerIp, int mtu) {
}
