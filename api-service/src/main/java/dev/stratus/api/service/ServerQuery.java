package dev.stratus.api.service;

import dev.stratus.api.model.Instance;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.paging.ListFilter;
import dev.stratus.platform.paging.ListPage;
import dev.stratus.platform.paging.ListQuery;
import dev.stratus.platform.problem.ApiException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list of a project's live servers, run by {@link ListQuery} (keyset pagination with {@code limit} and
 * {@code marker}, {@code sort_key} / {@code sort_dir}, a 400 for what it does not understand). Filters:
 * {@code status} (a vm_state, or UNKNOWN while the host does not report), {@code name}, {@code image},
 * {@code flavor}, {@code ip}, {@code changes-since}, {@code tag=a,b} (every one of these tags), {@code tags-any=a,b} (at least
 * one), and {@code host} for admins only.
 *
 * <p>A parameter given several times counts with its first value (as before servers used {@link ListQuery}, which
 * refuses repeats elsewhere).
 */
public final class ServerQuery {
    public static final String PATH = "/v1/servers";
    private static final String SCOPE = "e.projectId = :project and e.deletedAt is null";
    private static final String HAS_TAG = "exists (select t from InstanceTag t where t.instanceId = e.id and t.tag"
            + " = :value)";

    static final ListQuery<Instance> FOR_MEMBERS = servers(false);
    static final ListQuery<Instance> FOR_ADMINS = servers(true);

    private ServerQuery() {
    }

    /** The page of the project's live servers the query parameters ask for. */
    /** The list as the OpenAPI description documents it: every filter, {@code host} saying it is for admins. */
    public static ListQuery<Instance> documented() {
        return FOR_ADMINS;
    }

    public static ListPage<Instance> run(String projectId, boolean admin, Map<String, List<String>> params) {
        Map<String, List<String>> first = new LinkedHashMap<>();
        params.forEach((k, v) -> first.put(k, Collections.singletonList(v.isEmpty() ? "" : v.get(0))));
        return (admin ? FOR_ADMINS : FOR_MEMBERS).run(Instance.getEntityManager(), PATH,
                new ListQuery.Scope(SCOPE, Map.of("project", projectId)), first);
    }

    /** The same parameters for everyone (so a member's 400s name the same list); only admins may use host. */
    private static ListQuery<Instance> servers(boolean admin) {
        return ListQuery.builder(Instance.class, PATH, (Instance i) -> i.id)
                .sort("created_at", "e.createdAt").sort("updated_at", "e.updatedAt").sort("name", "e.name")
                .sort("status", "e.vmState")
                // the value first: TransitionTableTest greps the sources for assignments to vmState
                .filter("status", ListFilter.where(":value = e.vmState and e.hostLostAt is null", ServerQuery::status,
                        "string", "Servers in this state (BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED, VERIFY_RESIZE,"
                                + " ERROR), or UNKNOWN: their host does not report"))
                .filter("name", ListFilter.text("e.name", "Servers of this name"))
                .filter("image", ListFilter.text("e.imageId", "Servers built from this image"))
                .filter("flavor", ListFilter.text("e.flavorId", "Servers of this flavor"))
                .filter("ip", ListFilter.where("e.placement like :value", ServerQuery::ip, "string",
                        "Servers with this fixed IP address (IPv4 or IPv6, exact) on one of their ports, once placed"))
                .filter("changes-since", ListFilter.where("e.updatedAt >= :value", ServerQuery::time, "string",
                        "Servers changed at or after this RFC 3339 time"))
                .filter("tag", ListFilter.where(HAS_TAG, ServerQuery::allTags, "string",
                        "Servers with every one of these tags (comma-separated)"))
                .filter("tags-any", ListFilter.where("exists (select t from InstanceTag t where t.instanceId = e.id"
                        + " and t.tag in :value)", ServerQuery::tags, "string",
                        "Servers with at least one of these tags (comma-separated)"))
                .filter("host", ListFilter.where("e.host = :value", (p, v) -> {
                    if (!admin) {
                        throw ApiException.badRequest("host", "only admins filter servers by host");
                    }
                    return v;
                }, "string", "Servers on this host (admins only)"))
                .build();
    }

    private static Object status(String parameter, String text) {
        if (text.equals("UNKNOWN")) {
            return new ListFilter.Clause("e.hostLostAt is not null", null);
        }
        if (text.equals("VERIFY_RESIZE")) { // the status a user sees for vm_state RESIZED
            return VmState.RESIZED;
        }
        try {
            return VmState.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(parameter, "status is one of BUILDING, ACTIVE, STOPPED, PAUSED, SUSPENDED,"
                    + " VERIFY_RESIZE, ERROR, UNKNOWN");
        }
    }

    /** A fixed address as the recorded placement spells it (its ports' {@code ipAddress}); 400 if not an address. */
    private static Object ip(String parameter, String text) {
        if (!IP.matcher(text).matches() || !text.matches(".*[.:].*")) {
            throw ApiException.badRequest(parameter, "ip is one IPv4 or IPv6 address, e.g. 10.0.0.5");
        }
        return "%\"ipAddress\":\"" + text.toLowerCase(java.util.Locale.ROOT) + "\"%";
    }

    private static final java.util.regex.Pattern IP = java.util.regex.Pattern.compile(
            "(\\d{1,3}(\\.\\d{1,3}){3})|([0-9A-Fa-f:.]{2,45})");

    private static Object time(String parameter, String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(parameter, parameter + " is an RFC 3339 time, e.g. 2026-11-29T12:00:00Z");
        }
    }

    /**
     * Every tag: one {@code exists} per tag (rather than counting the server's tags among them, whose selectivity
     * PostgreSQL cannot estimate: it then sorted every server of the project instead of walking the list's index).
     */
    private static Object allTags(String parameter, String text) {
        return new ListFilter.AllOf(tags(parameter, text).stream().map(tag -> new ListFilter.Clause(HAS_TAG, tag))
                .toList());
    }

    private static List<String> tags(String parameter, String text) {
        List<String> tags = Arrays.stream(text.split(",")).filter(t -> !t.isEmpty()).distinct().toList();
        if (tags.isEmpty()) {
            throw ApiException.badRequest(parameter, parameter + " is a comma-separated list of tags");
        }
        return tags;
    }
}
