package dev.stratus.platform.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.tags.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One tag per resource, named as in its path ({@code /v1/servers/...} is {@code servers}): generators group the
 * operations of a tag into one API class ({@code ServersApi}). {@code /v1/admin/x} and {@code /v1/scheduler/x}
 * are tagged {@code x}, a project's quotas {@code quotas}, and {@code /internal/...} {@code internal}.
 */
final class ResourceTags {
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("auth", "Tokens: issue one (by password or application credential), read your own, and"
                + " the public keys that verify them (JWKS).");
        DESCRIPTIONS.put("application-credentials", "Secrets that issue tokens for one project without a"
                + " password, for CI pipelines and tools.");
        DESCRIPTIONS.put("projects", "Projects (tenants), their members and their servers' time to live."
                + " Administrators only, except reading one's own project.");
        DESCRIPTIONS.put("quotas", "A project's limits and what it uses.");
        DESCRIPTIONS.put("users", "User accounts. Administrators only.");
        DESCRIPTIONS.put("signing-keys", "The keys that sign tokens. Administrators only.");
        DESCRIPTIONS.put("flavors", "Sizes of servers: vCPUs, RAM, disk and CPU share.");
        DESCRIPTIONS.put("key-pairs", "SSH public keys injected into new servers.");
        DESCRIPTIONS.put("servers", "Virtual machines: create, list, show, change, delete, their console, their"
                + " lifecycle actions (asynchronous: 202, then poll the server) and their action history.");
        DESCRIPTIONS.put("events", "The project's server events (each action started and finished), oldest first,"
                + " read with a cursor and a long poll.");
        DESCRIPTIONS.put("images", "Disk images: register, upload and download the data, share with other"
                + " projects, tag, deactivate.");
        DESCRIPTIONS.put("networks", "Tenant networks (a bridge in its own namespace) and the external network.");
        DESCRIPTIONS.put("subnets", "Address ranges of a network, served by DHCP.");
        DESCRIPTIONS.put("ports", "A network attachment: a MAC and fixed IPs on a network.");
        DESCRIPTIONS.put("security-groups", "Named sets of firewall rules applied to ports.");
        DESCRIPTIONS.put("security-group-rules", "One allowed flow of a security group.");
        DESCRIPTIONS.put("routers", "Routers between tenant subnets and the external network (SNAT).");
        DESCRIPTIONS.put("floating-ips", "External addresses mapped to a port (DNAT).");
        DESCRIPTIONS.put("hosts", "Compute hosts and their capacity. Administrators only.");
        DESCRIPTIONS.put("allocations", "What the scheduler claimed on which host. Administrators only.");
        DESCRIPTIONS.put("internal", "Calls between Stratus services (service tokens only); not part of the"
                + " public API.");
    }

    private ResourceTags() {
    }

    static String of(String path) {
        if (path.startsWith("/internal/")) {
            return "internal";
        }
        String[] segments = path.replaceFirst("^/v1/", "").split("/");
        if (segments.length > 1 && (segments[0].equals("admin") || segments[0].equals("scheduler"))) {
            return segments[1];
        }
        if (segments[0].equals("projects") && segments.length > 2 && segments[2].equals("quotas")) {
            return "quotas";
        }
        return segments[0];
    }

    /** The document's tag list: the tags its operations use, with their descriptions, by name. */
    static List<Tag> used(OpenAPI openApi) {
        TreeSet<String> names = new TreeSet<>();
        for (PathItem item : openApi.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                names.addAll(operation.getTags());
            }
        }
        List<Tag> tags = new ArrayList<>();
        for (String name : names) {
            tags.add(OASFactory.createTag().name(name).description(DESCRIPTIONS.getOrDefault(name, name)));
        }
        return tags;
    }
}
