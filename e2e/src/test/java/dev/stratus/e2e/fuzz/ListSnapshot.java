package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.e2e.Stack;
import dev.stratus.e2e.fuzz.FuzzCase.Caller;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the users can list, per service, taken before and after a batch of requests: A's and B's servers, images,
 * networks, subnets, ports, security groups and rules, routers, floating IPs, key pairs, application credentials;
 * the projects and users; the target project's members, quotas and server TTL; the allocations. Items are compared
 * without the fields that change by themselves (status, timestamps of activity, usage).
 */
final class ListSnapshot {
    /** Fields the platform changes on its own (a server's status, a host's last report, usage counters). */
    static final Set<String> VOLATILE = Set.of("status", "vm_state", "task_state", "power_state", "updated_at",
            "last_seen", "fault", "in_use", "size", "virtual_size", "checksum", "os_hash_algo", "os_hash_value",
            "next", "alive", "launched_at", "generation", "free_vcpus", "free_ram_mb", "free_disk_gb",
            "used_vcpus", "used_ram_mb", "used_disk_gb");

    /** Reads a snapshot's lists side by side. */
    private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors
            .newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "fuzz-lists");
                t.setDaemon(true);
                return t;
            });

    /** One list: its name, the service that serves it, its URL path, whose token reads it. */
    record Spec(String name, String service, String path, Caller caller, boolean projectB) {
    }

    /** list name → item key → item without its volatile fields. */
    private final Map<String, Map<String, String>> lists;
    /** list name → the path it was read from (ids filled in). */
    private final Map<String, String> paths;
    /** list name → why it could not be read (it is left out of the comparison). */
    private final Map<String, String> unreadable;

    private ListSnapshot(Map<String, Map<String, String>> lists, Map<String, String> paths,
            Map<String, String> unreadable) {
        this.lists = lists;
        this.paths = paths;
        this.unreadable = unreadable;
    }

    static List<Spec> specs() {
        List<Spec> specs = new ArrayList<>();
        for (String owner : List.of("A", "B")) {
            boolean b = owner.equals("B");
            if (!b) {
                specs.add(new Spec("A servers", "api-service", "/v1/servers", Caller.MEMBER, false));
            }
            specs.add(new Spec(owner + " key pairs", "api-service", "/v1/key-pairs", Caller.MEMBER, b));
            specs.add(new Spec(owner + " application credentials", "api-service", "/v1/application-credentials",
                    Caller.MEMBER, b));
            specs.add(new Spec(owner + " images", "image-service", "/v1/images", Caller.MEMBER, b));
            for (String kind : List.of("networks", "subnets", "ports", "security-groups", "security-group-rules",
                    "routers", "floating-ips")) {
                specs.add(new Spec(owner + " " + kind, "network-service", "/v1/" + kind, Caller.MEMBER, b));
            }
        }
        specs.add(new Spec("projects", "api-service", "/v1/projects", Caller.ADMIN, false));
        specs.add(new Spec("users", "api-service", "/v1/users", Caller.ADMIN, false));
        specs.add(new Spec("target project's members", "api-service", "/v1/projects/@@target_project@@/members",
                Caller.ADMIN, false));
        specs.add(new Spec("target project's quotas", "api-service", "/v1/projects/@@target_project@@/quotas"
                + "?usage=false", Caller.ADMIN, false));
        specs.add(new Spec("A quotas", "api-service", "/v1/projects/@@project_a@@/quotas?usage=false", Caller.ADMIN,
                false));
        specs.add(new Spec("target project's server TTL", "api-service", "/v1/projects/@@target_project@@/server-ttl",
                Caller.ADMIN, false));
        specs.add(new Spec("A image's members", "image-service", "/v1/images/@@image@@/members", Caller.MEMBER,
                false));
        specs.add(new Spec("allocations", "scheduler-service", "/v1/scheduler/allocations", Caller.ADMIN, false));
        return specs;
    }

    /**
     * The lists a service's requests can change: its own, and for api-service also project A's images (snapshots)
     * and ports (a server's create binds and releases them).
     */
    static List<Spec> scope(String service) {
        return specs().stream().filter(s -> s.service().equals(service) || service.equals("api-service")
                && List.of("A images", "A ports").contains(s.name())).toList();
    }

    /** Reads the lists (a few at a time: they come from three services). */
    static ListSnapshot take(Fixtures fixtures, List<Spec> specs) {
        Map<String, java.util.concurrent.CompletableFuture<Api.Answer>> answers = new LinkedHashMap<>();
        Map<String, String> paths = new TreeMap<>();
        for (Spec spec : specs) {
            String token = spec.projectB() ? fixtures.tokenB() : fixtures.token(spec.caller());
            String base = spec.service().equals("scheduler-service")
                    ? "http://localhost:" + (Stack.PORT_BASE + 1) : Stack.url();
            String path = fixtures.resolve(null, spec.path());
            paths.put(spec.name(), path);
            answers.put(spec.name(), java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Api.call("GET", base + path, token, null), READERS));
        }
        Map<String, Map<String, String>> lists = new TreeMap<>();
        Map<String, String> unreadable = new TreeMap<>();
        answers.forEach((name, future) -> {
            Api.Answer answer = future.join();
            if (answer.status() != 200) {
                unreadable.put(name, "GET " + paths.get(name) + " answered " + answer.status() + " " + answer.body());
            } else {
                lists.put(name, items(answer.json()));
            }
        });
        return new ListSnapshot(lists, paths, unreadable);
    }

    /** Items of a list answer: its first array (keyed by id), or the object's own fields (quotas, TTL). */
    static Map<String, String> items(JsonNode answer) {
        Map<String, String> items = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = answer.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isArray()) {
                int n = 0;
                for (JsonNode item : field.getValue()) {
                    items.put(key(item, n++), stable(item));
                }
                return items;
            }
        }
        answer.fields().forEachRemaining(f -> {
            if (!VOLATILE.contains(f.getKey())) {
                items.put(f.getKey(), stable(f.getValue()));
            }
        });
        return items;
    }

    private static String key(JsonNode item, int index) {
        for (String k : List.of("id", "member", "user_id", "instance_id", "name")) {
            if (item.hasNonNull(k)) {
                return item.path(k).asText() + (k.equals("user_id") ? "/" + item.path("role").asText() : "");
            }
        }
        return "#" + index;
    }

    private static String stable(JsonNode item) {
        if (!item.isObject()) {
            return item.toString();
        }
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.remove(VOLATILE);
        return new TreeMap<>(toMap(copy)).toString();
    }

    private static Map<String, String> toMap(ObjectNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().toString()));
        return map;
    }

    /** One difference: a list's item added, removed or changed. */
    record Change(String list, String path, String key, String kind, String before, String after) {
        /**
         * Whether the change is one of these objects' own: the item is one of them, belongs to one (a port whose
         * {@code device_id} it is), or the list is one of theirs (an image's members, a project's quotas).
         */
        boolean concernsAny(Set<String> ids) {
            return ids.stream().anyMatch(id -> key.equalsIgnoreCase(id) || path.contains(id)
                    || (before != null && before.contains("device_id=\"" + id + "\""))
                    || (after != null && after.contains("device_id=\"" + id + "\"")));
        }

        @Override
        public String toString() {
            return list + ": " + key + " " + kind + (before != null && after != null ? " (was " + FuzzCase.abbreviate(
                    before, 200) + ", now " + FuzzCase.abbreviate(after, 200) + ")" : after != null
                    ? " " + FuzzCase.abbreviate(after, 200) : "");
        }
    }

    /** What differs from {@code before} in the lists both hold. */
    List<Change> changesSince(ListSnapshot before) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> list : lists.entrySet()) {
            Map<String, String> old = before.lists.get(list.getKey());
            if (old == null) {
                continue;
            }
            String name = list.getKey();
            String path = paths.get(name);
            for (Map.Entry<String, String> item : list.getValue().entrySet()) {
                String was = old.get(item.getKey());
                if (was == null) {
                    changes.add(new Change(name, path, item.getKey(), "added", null, item.getValue()));
                } else if (!was.equals(item.getValue())) {
                    changes.add(new Change(name, path, item.getKey(), "changed", was, item.getValue()));
                }
            }
            for (Map.Entry<String, String> item : old.entrySet()) {
                if (!list.getValue().containsKey(item.getKey())) {
                    changes.add(new Change(name, path, item.getKey(), "removed", item.getValue(), null));
                }
            }
        }
        return changes;
    }

    /** Lists that could not be read, and why. */
    Map<String, String> unreadable() {
        return unreadable;
    }

    /** Item counts per list, for the log. */
    Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new TreeMap<>();
        lists.forEach((name, items) -> sizes.put(name, items.size()));
        return sizes;
    }
}
