package dev.stratus.network.service;

import dev.stratus.contracts.PortBinding;
import dev.stratus.network.model.FixedIp;
import dev.stratus.network.model.Network;
import dev.stratus.network.model.Port;
import dev.stratus.network.model.SecurityGroupRule;
import dev.stratus.network.model.Subnet;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What an agent needs to plug a port in: its binding (MAC, address, subnet, DHCP server) and its firewall. Any
 * project's port: only Stratus services (role {@code service}) reach these, through the internal routes.
 */
@ApplicationScoped
public class PortWiring {
    /**
     * One allow rule with remote groups resolved to their members' addresses.
     *
     * @param remoteIpPrefixes the sources (ingress) or destinations (egress) allowed; null for any address
     */
    public record FirewallRule(String direction, String ethertype, String protocol, Integer portRangeMin,
            Integer portRangeMax, List<String> remoteIpPrefixes) {
    }

    /** The rules of all the port's groups. */
    public record PortFirewall(UUID portId, String macAddress, List<String> ipAddresses, List<FirewallRule> rules) {
    }

    private final EntityManager em;
    private final PortService ports;

    public PortWiring(EntityManager em, PortService ports) {
        this.em = em;
        this.ports = ports;
    }

    /** The port's binding on its first IPv4 subnet; 409 when it has no address. */
    @Transactional
    public PortBinding binding(UUID portId) {
        Port port = ports.any(portId);
        if (port.fixedIps.isEmpty()) {
            throw ApiException.conflict("port " + portId + " has no IP address (its network has no subnet)");
        }
        FixedIp ip = port.fixedIps.get(0);
        Subnet subnet = em.find(Subnet.class, ip.subnetId);
        Network network = em.find(Network.class, port.networkId);
        String dhcp = em.createQuery("select i.ipAddress from Port p join p.fixedIps i where p.networkId = ?1"
                        + " and p.deviceOwner = ?2 and i.subnetId = ?3", String.class)
                .setParameter(1, port.networkId).setParameter(2, Port.DHCP_OWNER).setParameter(3, subnet.id)
                .getResultStream().findFirst().orElse(null);
        return new PortBinding(port.id.toString(), port.networkId.toString(), port.macAddress, ip.ipAddress,
                subnet.cidr, subnet.gatewayIp, dhcp, network.mtu);
    }

    @Transactional
    public PortFirewall firewall(UUID portId) {
        Port port = ports.any(portId);
        List<FirewallRule> rules = new ArrayList<>();
        for (UUID group : port.securityGroupIds) {
            for (SecurityGroupRule rule : em.createQuery("from SecurityGroupRule where securityGroupId = ?1"
                    + " order by createdAt, id", SecurityGroupRule.class).setParameter(1, group).getResultList()) {
                rules.add(new FirewallRule(rule.direction, rule.ethertype, rule.protocol, rule.portRangeMin,
                        rule.portRangeMax, remotes(rule)));
            }
        }
        return new PortFirewall(port.id, port.macAddress, port.fixedIps.stream().map(i -> i.ipAddress).toList(), rules);
    }

    private List<String> remotes(SecurityGroupRule rule) {
        if (rule.remoteIpPrefix != null) {
            return List.of(rule.remoteIpPrefix);
        }
        if (rule.remoteGroupId == null) {
            return null;
        }
        if (!"IPv4".equals(rule.ethertype)) {
            return List.of();
        }
        return em.createQuery("select i.ipAddress from Port p join p.fixedIps i join p.securityGroupIds g"
                        + " where g = ?1 order by i.ipAddress", String.class)
                .setParameter(1, rule.remoteGroupId).getResultList().stream().map(ip -> ip + "/32").toList();
    }
}
