package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code openapi/stratus.yaml}: the one public document, every native route under {@code STRATUS_URL} merged from
 * the documents api-service, image-service and network-service serve (api-service's edge router sends
 * {@code /v1/images*} and the network routes to the other two). Left out: {@code /internal/*} (service tokens only)
 * and scheduler-service's {@code /v1/scheduler/*} (the public URL does not route it). Written as OpenAPI 3.0.3,
 * which openapi-generator's {@code java} and {@code typescript-fetch} generators handle fully (their 3.1 support is
 * partial): {@link Oas30} turns SmallRye's 3.1 constructs into 3.0 ones.
 */
final class StratusDocument {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SECTIONS = List.of("schemas", "responses", "parameters", "headers",
            "requestBodies", "securitySchemes");

    private StratusDocument() {
    }

    /** The merged document; a component named alike in two services with different content fails the merge. */
    static ObjectNode merge(Map<String, JsonNode> served) {
        Map<String, JsonNode> paths = new TreeMap<>();
        Map<String, Map<String, JsonNode>> components = new LinkedHashMap<>();
        Map<String, JsonNode> tags = new TreeMap<>();
        served.forEach((service, document) -> {
            document.path("paths").fields().forEachRemaining(path -> {
                if (path.getKey().startsWith("/internal/")) {
                    return;
                }
                if (paths.put(path.getKey(), path.getValue()) != null) {
                    throw new IllegalStateException(path.getKey() + " is served by two services");
                }
            });
            for (String section : SECTIONS) {
                document.path("components").path(section).fields().forEachRemaining(c -> {
                    JsonNode before = components.computeIfAbsent(section, s -> new TreeMap<>())
                            .putIfAbsent(c.getKey(), c.getValue());
                    if (before != null && !before.equals(c.getValue())) {
                        throw new IllegalStateException("components/" + section + "/" + c.getKey() + " of "
                                + service + " differs from another service's: rename one (@Schema(name = ...))");
                    }
                });
            }
            document.path("tags").forEach(tag -> tags.putIfAbsent(tag.path("name").asText(), tag));
        });
        ObjectNode root = JSON.createObjectNode();
        root.put("openapi", "3.0.3");
        root.set("info", info());
        ObjectNode server = root.putArray("servers").addObject();
        server.put("url", "{stratusUrl}");
        server.put("description", "STRATUS_URL: api-service's port, which routes image and network calls itself"
                + " (an Ingress on Kubernetes)");
        server.putObject("variables").putObject("stratusUrl").put("default", "http://localhost:8080");
        ObjectNode pathsNode = JSON.createObjectNode();
        paths.forEach(pathsNode::set);
        Oas30.convert(pathsNode);
        ObjectNode componentsNode = JSON.createObjectNode();
        for (String section : SECTIONS) {
            if (components.containsKey(section)) {
                ObjectNode s = componentsNode.putObject(section);
                components.get(section).forEach(s::set);
            }
        }
        Oas30.convert(componentsNode);
        Oas30.inlinePrimitives(pathsNode, componentsNode);
        Oas30.nullableOptionals(componentsNode);
        prune(pathsNode, componentsNode);
        Iterator<JsonNode> it = JSON.valueToTree(tags.values()).elements();
        ArrayNode tagList = root.putArray("tags");
        while (it.hasNext()) {
            JsonNode tag = it.next();
            if (usedTag(pathsNode, tag.path("name").asText())) {
                tagList.add(tag);
            }
        }
        root.set("paths", pathsNode);
        root.set("components", componentsNode);
        return root;
    }

    private static ObjectNode info() {
        ObjectNode info = JSON.createObjectNode();
        info.put("title", "Stratus API");
        info.put("version", "0.1.0");
        info.put("description", "The native API of Stratus, an IaaS control plane: servers on KVM/QEMU hosts,"
                + " images, networks, and the identity behind them, under one base URL (STRATUS_URL).\n\n"
                + "Authenticate with `POST /v1/auth/tokens` and send the token as `Authorization: Bearer <token>`."
                + " Errors are RFC 9457 problems (`application/problem+json`) whose `detail` says what to fix."
                + " Creates take an `Idempotency-Key`; lists are paged with `limit` and `marker` (follow `next`)."
                + " Server lifecycle calls answer 202 at once: poll the server until its `task_state` is null."
                + " A member a schema does not require may be absent or null.");
        info.putObject("license").put("name", "Apache-2.0").put("url", "https://www.apache.org/licenses/LICENSE-2.0");
        return info;
    }

    private static boolean usedTag(JsonNode paths, String tag) {
        for (JsonNode item : paths) {
            for (JsonNode operation : item) {
                for (JsonNode t : operation.path("tags")) {
                    if (t.asText().equals(tag)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Drops the components nothing reachable from the paths refers to (e.g. the internal routes' schemas). */
    private static void prune(ObjectNode paths, ObjectNode components) {
        TreeSet<String> reachable = new TreeSet<>();
        List<JsonNode> work = new ArrayList<>(List.of(paths));
        while (!work.isEmpty()) {
            JsonNode node = work.remove(work.size() - 1);
            if (node.has("$ref") && node.get("$ref").isTextual()) {
                String ref = node.get("$ref").asText();
                if (reachable.add(ref)) {
                    String[] parts = ref.substring("#/components/".length()).split("/");
                    work.add(components.path(parts[0]).path(parts[1]));
                }
            }
            node.forEach(work::add);
        }
        for (JsonNode security : paths.findValues("security")) {
            security.forEach(requirement -> requirement.fieldNames().forEachRemaining(name -> reachable.add(
                    "#/components/securitySchemes/" + name)));
        }
        for (String section : SECTIONS) {
            if (!components.has(section)) {
                continue;
            }
            ObjectNode s = (ObjectNode) components.get(section);
            List<String> unused = new ArrayList<>();
            s.fieldNames().forEachRemaining(name -> {
                if (!reachable.contains("#/components/" + section + "/" + name)) {
                    unused.add(name);
                }
            });
            s.remove(unused);
            if (s.isEmpty()) {
                components.remove(section);
            }
        }
    }
}
