package dev.stratus.network.service;

import dev.stratus.network.model.Cidr;
import dev.stratus.network.model.SecurityGroup;
import dev.stratus.network.model.SecurityGroupRule;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Security groups and their rules, scoped by project; every project gets its {@code default} group on first use. */
@ApplicationScoped
public class SecurityGroupService {
    private static final Set<String> PROTOCOLS = Set.of("tcp", "udp", "icmp");

    private final EntityManager em;
    private final SecurityGroupEvents events;

    public SecurityGroupService(EntityManager em, SecurityGroupEvents events) {
        this.em = em;
        this.events = events;
    }

    /** The project's {@code default} group, created (race-free, by a partial unique index) when missing. */
    @Transactional
    public SecurityGroup defaultGroup(String projectId) {
        UUID id = UUID.randomUUID();
        int created = em.createNativeQuery("INSERT INTO network.security_groups (id, project_id, name, description, created_at)"
                        + " VALUES (?1, ?2, 'default', 'Default security group', now())"
                        + " ON CONFLICT (project_id) WHERE name = 'default' DO NOTHING")
                .setParameter(1, id).setParameter(2, projectId).executeUpdate();
        if (created == 1) {
            for (String ethertype : List.of("IPv4", "IPv6")) {
                persistRule(projectId, id, "egress", ethertype, null, null, null, null, null);
                persistRule(projectId, id, "ingress", ethertype, null, null, null, null, id);
            }
        }
        return em.createQuery("from SecurityGroup where projectId = ?1 and name = 'default'", SecurityGroup.class)
                .setParameter(1, projectId).getSingleResult();
    }

    @Transactional
    public SecurityGroup create(String projectId, String name, String description) {
        if (SecurityGroup.DEFAULT.equals(name)) {
            throw ApiException.conflict("every project has exactly one 'default' group; choose another name");
        }
        SecurityGroup group = new SecurityGroup();
        group.id = UUID.randomUUID();
        group.projectId = projectId;
        group.name = name;
        group.description = description == null ? "" : description;
        group.createdAt = Instant.now();
        em.persist(group);
        em.flush();
        // as in Neutron, a new group lets its members send anywhere; ingress stays closed until rules open it
        for (String ethertype : List.of("IPv4", "IPv6")) {
            persistRule(projectId, group.id, "egress", ethertype, null, null, null, null, null);
        }
        return group;
    }

    @Transactional
    public SecurityGroup get(String projectId, UUID id) {
        SecurityGroup group = em.find(SecurityGroup.class, id);
        if (group == null || !group.projectId.equals(projectId)) {
            throw ApiException.notFound("security group", id.toString());
        }
        return group;
    }

    @Transactional
    public void delete(String projectId, UUID id) {
        SecurityGroup group = get(projectId, id);
        if (SecurityGroup.DEFAULT.equals(group.name)) {
            throw ApiException.conflict("the 'default' security group cannot be deleted");
        }
        long members = ((Number) em.createNativeQuery("SELECT count(*) FROM network.port_security_groups"
                + " WHERE security_group_id = ?1").setParameter(1, id).getSingleResult()).longValue();
        if (members > 0) {
            throw ApiException.conflict("security group " + id + " is used by " + members + " port(s)");
        }
        em.createQuery("delete from SecurityGroupRule where remoteGroupId = ?1 or securityGroupId = ?1")
                .setParameter(1, id).executeUpdate();
        em.remove(group);
    }

    @Transactional
    public List<SecurityGroupRule> rules(String projectId, UUID groupId) {
        String query = "from SecurityGroupRule where projectId = ?1"
                + (groupId == null ? "" : " and securityGroupId = ?2") + " order by createdAt, id";
        var q = em.createQuery(query, SecurityGroupRule.class).setParameter(1, projectId);
        return groupId == null ? q.getResultList() : q.setParameter(2, groupId).getResultList();
    }

    /** Validates and adds a rule; 400 naming the field on bad input. */
    @Transactional
    public SecurityGroupRule addRule(String projectId, UUID groupId, String direction, String ethertype,
            String protocol, Integer min, Integer max, String remoteIpPrefix, UUID remoteGroupId) {
        SecurityGroup group = em.find(SecurityGroup.class, groupId);
        if (group == null || !group.projectId.equals(projectId)) {
            throw ApiException.badRequest("security_group_id", "security group " + groupId + " does not exist");
        }
        if (!"ingress".equals(direction) && !"egress".equals(direction)) {
            throw ApiException.badRequest("direction", "direction must be 'ingress' or 'egress'");
        }
        String ether = ethertype == null ? "IPv4" : ethertype;
        if (!"IPv4".equals(ether) && !"IPv6".equals(ether)) {
            throw ApiException.badRequest("ethertype", "ethertype must be 'IPv4' or 'IPv6'");
        }
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            throw ApiException.badRequest("protocol", "protocol must be tcp, udp, icmp or absent (any)");
        }
        if (min != null || max != null) {
            if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
                throw ApiException.badRequest("port_range_min", "a port range needs protocol tcp or udp");
            }
            if (min == null || max == null || min < 1 || max > 65535 || min > max) {
                throw ApiException.badRequest("port_range_min", "port_range_min and port_range_max must both be"
                        + " given, 1..65535, min <= max");
            }
        }
        if (remoteIpPrefix != null && remoteGroupId != null) {
            throw ApiException.badRequest("remote_group_id", "give remote_ip_prefix or remote_group_id, not both");
        }
        if (remoteIpPrefix != null) {
            Cidr cidr = Cidr.parse(remoteIpPrefix).orElseThrow(() -> ApiException.badRequest("remote_ip_prefix",
                    "remote_ip_prefix must be a CIDR without host bits, e.g. 10.0.0.0/24"));
            if ((cidr.network().getAddress().length == 4) != "IPv4".equals(ether)) {
                throw ApiException.badRequest("remote_ip_prefix", "remote_ip_prefix is not an " + ether + " range");
            }
        }
        if (remoteGroupId != null) {
            SecurityGroup remote = em.find(SecurityGroup.class, remoteGroupId);
            if (remote == null || !remote.projectId.equals(projectId)) {
                throw ApiException.badRequest("remote_group_id", "security group " + remoteGroupId + " does not exist");
            }
        }
        SecurityGroupRule rule = persistRule(projectId, groupId, direction, ether, protocol, min, max,
                remoteIpPrefix, remoteGroupId);
        events.changed(List.of(groupId), projectId);
        return rule;
    }

    @Transactional
    public SecurityGroupRule rule(String projectId, UUID id) {
        SecurityGroupRule rule = em.find(SecurityGroupRule.class, id);
        if (rule == null || !rule.projectId.equals(projectId)) {
            throw ApiException.notFound("security group rule", id.toString());
        }
        return rule;
    }

    @Transactional
    public void deleteRule(String projectId, UUID id) {
        SecurityGroupRule rule = rule(projectId, id);
        em.remove(rule);
        events.changed(List.of(rule.securityGroupId), projectId);
    }

    private SecurityGroupRule persistRule(String projectId, UUID groupId, String direction, String ethertype,
            String protocol, Integer min, Integer max, String remoteIpPrefix, UUID remoteGroupId) {
        SecurityGroupRule rule = new SecurityGroupRule();
        rule.id = UUID.randomUUID();
        rule.projectId = projectId;
        rule.securityGroupId = groupId;
        rule.direction = direction;
        rule.ethertype = ethertype;
        rule.protocol = protocol;
        rule.portRangeMin = min;
        rule.portRangeMax = max;
        rule.remoteIpPrefix = remoteIpPrefix;
        rule.remoteGroupId = remoteGroupId;
        rule.createdAt = Instant.now();
        em.persist(rule);
        return rule;
    }
}
