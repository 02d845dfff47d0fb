package dev.stratus.api.service;

import dev.stratus.api.model.Instance;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.panache.common.Parameters;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One page of a project's servers: filters ({@code status}, {@code name}, {@code image}, {@code flavor},
 * {@code changes-since}, {@code host} for admins, {@code tag=a,b}: every one of these tags, {@code tags-any=a,b}: at
 * least one), {@code sort_key}/{@code sort_dir}, and keyset pagination
 * ({@code limit}, {@code marker} = the last server of the previous page; the id breaks ties, so pages never skip or
 * repeat a server). An unknown parameter, a bad value or a marker that is not one of the project's servers is a 400.
 */
public final class ServerQuery {
    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 1000;
    private static final Set<String> FILTERS = Set.of("status", "name", "image", "flavor", "changes-since", "host",
            "tag", "tags-any");
    private static final Set<String> PAGING = Set.of("limit", "marker", "sort_key", "sort_dir");
    /** sort_key → the entity field it orders by. */
    private static final Map<String, String> SORT_KEYS = Map.of("created_at", "createdAt", "updated_at", "updatedAt",
            "name", "name", "status", "vmState");

    /** A page and the parameters of the next one (null when this is the last). */
    public record Page(List<Instance> servers, Map<String, String> next) {
    }

    private ServerQuery() {
    }

    /** The page of the project's live servers the query parameters ask for (first value of each). */
    public static Page run(String projectId, boolean admin, Map<String, List<String>> params) {
        for (String name : params.keySet()) {
            if (!FILTERS.contains(name) && !PAGING.contains(name)) {
                throw ApiException.badRequest(name, "unknown parameter '" + name + "'; /v1/servers takes "
                        + FILTERS + " and " + PAGING);
            }
        }
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> p.put(k, v.isEmpty() ? "" : v.get(0)));
        int limit = limit(p.get("limit"));
        String sortKey = p.getOrDefault("sort_key", "created_at");
        String field = SORT_KEYS.get(sortKey);
        if (field == null) {
            throw ApiException.badRequest("sort_key", "sort_key is one of " + SORT_KEYS.keySet());
        }
        String dir = p.getOrDefault("sort_dir", "asc");
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.badRequest("sort_dir", "sort_dir is asc or desc");
        }
        StringBuilder where = new StringBuilder("projectId = :project and deletedAt is null");
        Parameters args = Parameters.with("project", projectId);
        filters(p, admin, where, args);
        if (p.containsKey("marker")) {
            Instance marker = marker(projectId, p.get("marker"));
            String cmp = dir.equals("asc") ? ">" : "<";
            where.append(" and (").append(field).append(' ').append(cmp).append(" :markerValue or (").append(field)
                    .append(" = :markerValue and id ").append(cmp).append(" :markerId))");
            args.and("markerValue", valueOf(marker, field)).and("markerId", marker.id);
        }
        String order = " order by " + field + " " + dir + ", id " + dir;
        List<Instance> rows = Instance.<Instance>find("from Instance i where " + where + order, args)
                .page(0, limit + 1).list();
        Map<String, String> next = null;
        if (rows.size() > limit) {
            rows = new ArrayList<>(rows.subList(0, limit));
            next = new LinkedHashMap<>(p);
            next.put("limit", String.valueOf(limit));
            next.put("marker", rows.get(rows.size() - 1).id.toString());
        }
        return new Page(rows, next);
    }

    private static void filters(Map<String, String> p, boolean admin, StringBuilder where, Parameters args) {
        if (p.containsKey("status")) {
            String status = p.get("status");
            if (status.equals("UNKNOWN")) {
                where.append(" and hostLostAt is not null");
            } else {
                try {
                    args.and("status", VmState.valueOf(status));
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("status", "status is one of BUILDING, ACTIVE, STOPPED, PAUSED,"
                            + " SUSPENDED, ERROR, UNKNOWN");
                }
                where.append(" and vmState = :status and hostLostAt is null");
            }
        }
        if (p.containsKey("name")) {
            where.append(" and name = :name");
            args.and("name", p.get("name"));
        }
        if (p.containsKey("image")) {
            where.append(" and imageId = :image");
            args.and("image", p.get("image"));
        }
        if (p.containsKey("flavor")) {
            where.append(" and flavorId = :flavor");
            args.and("flavor", p.get("flavor"));
        }
        if (p.containsKey("changes-since")) {
            try {
                args.and("since", OffsetDateTime.parse(p.get("changes-since")));
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("changes-since", "changes-since is an RFC 3339 time, e.g."
                        + " 2026-11-29T12:00:00Z");
            }
            where.append(" and updatedAt >= :since");
        }
        if (p.containsKey("tag")) {
            List<String> tags = tagList("tag", p.get("tag"));
            where.append(" and (select count(t) from InstanceTag t where t.instanceId = i.id and t.tag in :allTags)"
                    + " = :allCount");
            args.and("allTags", tags).and("allCount", (long) tags.size());
        }
        if (p.containsKey("tags-any")) {
            where.append(" and exists (select t from InstanceTag t where t.instanceId = i.id and t.tag in :anyTags)");
            args.and("anyTags", tagList("tags-any", p.get("tags-any")));
        }
        if (p.containsKey("host")) {
            if (!admin) {
                throw ApiException.badRequest("host", "only admins filter servers by host");
            }
            where.append(" and host = :host");
            args.and("host", p.get("host"));
        }
    }

    private static List<String> tagList(String parameter, String value) {
        List<String> tags = java.util.Arrays.stream(value.split(",")).filter(t -> !t.isEmpty()).distinct().toList();
        if (tags.isEmpty()) {
            throw ApiException.badRequest(parameter, parameter + " is a comma-separated list of tags");
        }
        return tags;
    }

    private static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the 400 below
        }
        throw ApiException.badRequest("limit", "limit is a whole number from 1 to " + MAX_LIMIT);
    }

    private static Instance marker(String projectId, String value) {
        UUID id;
        try {
            id = UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("marker", "marker is the id of the last server of the previous page");
        }
        return Instance.findLive(projectId, id).orElseThrow(() -> ApiException.badRequest("marker", "marker " + value
                + " is not a server of this project (deleted since?); start again without a marker"));
    }

    private static Object valueOf(Instance marker, String field) {
        return switch (field) {
            case "createdAt" -> marker.createdAt;
            case "updatedAt" -> marker.updatedAt;
            case "name" -> marker.name;
            case "vmState" -> marker.vmState;
            default -> throw new IllegalStateException(field);
        };
    }
}
