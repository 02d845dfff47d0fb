package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.NetworkServiceClient;
import dev.stratus.api.model.InstanceSecurityGroup;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The security groups of a new server's ports ({@code security_groups} of {@code POST /v1/servers}), resolved with the
 * caller's own token before anything is created, as {@code key_name} and the image are:
 * <ul>
 * <li>each entry is a group of the caller's project by id, or else by name (as {@code GET /v1/security-groups?name=}
 * finds it); a group that does not exist, another project's group (network-service shows it to nobody else) and a name
 * that two groups of the project share are each a 400 problem whose {@code field} is {@code security_groups} and whose
 * detail names the entry;</li>
 * <li>absent (or null): the ports get network-service's default, the project's {@code default} group;</li>
 * <li>an empty list: the ports are in no group, so their firewall allows nothing beyond what every port gets (see
 * compute-agent's {@code FirewallRules}): no traffic reaches the guest but DHCP, IPv6 neighbour discovery and the
 * answers to what it sent, and it sends nothing but those and requests to the metadata service.</li>
 * </ul>
 * The same group named twice (by name and by id) counts once. Ports passed in {@code networks} keep their own groups.
 */
@ApplicationScoped
public class ServerSecurityGroups {
    /** At most this many entries (as network-service's port {@code security_groups}). */
    public static final int MAX_GROUPS = 64;
    /** An entry's longest form: a group name (network-service's column) or an id. */
    public static final int MAX_REFERENCE = 255;
    static final String FIELD = "security_groups";
    private static final Logger LOG = Logger.getLogger(ServerSecurityGroups.class);

    @Inject
    @RestClient
    NetworkServiceClient networkService;
    @Inject
    JsonWebToken jwt;

    /**
     * The groups {@code references} name, in their order, each once; null when there are none to give (absent: the
     * default group). A 400 naming {@code security_groups} for an entry that is no group of the project or an
     * ambiguous name; a 503 when network-service cannot answer.
     */
    public List<InstanceSecurityGroup> resolve(List<String> references) {
        if (references == null) {
            return null;
        }
        Map<String, InstanceSecurityGroup> groups = new LinkedHashMap<>();
        for (String reference : references) {
            if (reference == null || reference.isBlank()) {
                throw ApiException.badRequest(FIELD, "each entry of security_groups is the name or id of a security"
                        + " group of the project (see GET /v1/security-groups)");
            }
            InstanceSecurityGroup group = lookup(reference);
            groups.putIfAbsent(group.id(), group);
        }
        return List.copyOf(groups.values());
    }

    /**
     * The groups of a server's ports as its view shows them: {@code requested} first (those some port has), then the
     * others in the order the ports have them, each named by network-service (best effort: its id when it cannot say;
     * a name is not worth failing a create for).
     */
    public List<InstanceSecurityGroup> describe(Collection<String> portGroupIds, List<InstanceSecurityGroup> requested) {
        Set<String> left = new LinkedHashSet<>(portGroupIds);
        List<InstanceSecurityGroup> shown = new ArrayList<>();
        for (InstanceSecurityGroup group : requested == null ? List.<InstanceSecurityGroup>of() : requested) {
            if (left.remove(group.id())) {
                shown.add(group);
            }
        }
        for (String id : left) {
            shown.add(new InstanceSecurityGroup(id, nameOf(id)));
        }
        return shown;
    }

    private InstanceSecurityGroup lookup(String reference) {
        if (CallerToken.isId(reference)) {
            JsonNode byId = get(() -> networkService.securityGroup(reference, authorization()));
            if (byId != null) {
                return of(byId);
            }
        }
        JsonNode named = get(() -> networkService.securityGroupsNamed(reference, authorization()));
        JsonNode found = named == null ? null : named.path("security_groups");
        if (found == null || found.size() == 0) {
            throw ApiException.badRequest(FIELD, "security group '" + reference + "' does not exist in the project"
                    + " (give a name or id from GET /v1/security-groups)");
        }
        if (found.size() > 1) {
            throw ApiException.badRequest(FIELD, "more than one security group of the project is named '" + reference
                    + "': give the group's id instead");
        }
        return of(found.get(0));
    }

    private String nameOf(String id) {
        try {
            JsonNode group = CallerToken.isId(id) ? get(() -> networkService.securityGroup(id, authorization())) : null;
            String name = group == null ? "" : group.path("name").asText("");
            return name.isEmpty() ? id : name;
        } catch (RuntimeException e) {
            LOG.warnf("the name of security group %s is unknown (%s): the server's view names its id", id,
                    e.getMessage());
            return id;
        }
    }

    private static InstanceSecurityGroup of(JsonNode group) {
        return new InstanceSecurityGroup(group.path("id").asText(), group.path("name").asText());
    }

    /** The answer, or null for a 404 (see {@link Upstream#find}). */
    private static JsonNode get(Supplier<JsonNode> call) {
        return Upstream.find("network-service", call);
    }

    /** The caller's own {@code Authorization}: it sees only its project's groups. */
    private String authorization() {
        return CallerToken.bearer(jwt);
    }
}
