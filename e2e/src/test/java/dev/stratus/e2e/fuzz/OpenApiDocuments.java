package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads OpenAPI 3 documents (JSON or YAML) into {@link ApiOperation}s. A document named after a service
 * ({@code api-service.json}) holds that service's operations; in any other (a merged {@code stratus.yaml}) an
 * operation names its service with {@code x-stratus-service} (on the operation, its path or the document), else the
 * service is the one the public URL routes its path to. An operation already read from an earlier document is not
 * read twice: per-service documents are read first.
 */
public final class OpenApiDocuments {
    static final List<String> SERVICES = List.of("api-service", "image-service", "network-service",
            "scheduler-service");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private OpenApiDocuments() {
    }

    /** The documents of a folder ({@code *.json}, {@code *.yaml}, {@code *.yml}): per-service ones first. */
    public static List<Path> in(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$"))
                    .sorted(Comparator.comparing((Path f) -> serviceOf(f) == null).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation of the documents, in a stable order (service, path, method). */
    public static List<ApiOperation> read(List<Path> documents) {
        Map<String, ApiOperation> operations = new LinkedHashMap<>();
        Set<String> routes = new HashSet<>(); // method and path, of any service
        for (Path document : documents) {
            boolean perService = serviceOf(document) != null;
            List<ApiOperation> read = readOne(document);
            for (ApiOperation op : read) {
                if (perService || !routes.contains(op.method() + " " + op.path())) {
                    operations.putIfAbsent(op.key(), op);
                }
            }
            read.forEach(op -> routes.add(op.method() + " " + op.path()));
        }
        List<ApiOperation> all = new ArrayList<>(operations.values());
        all.sort(Comparator.comparing(ApiOperation::service).thenComparing(ApiOperation::path)
                .thenComparing(ApiOperation::method));
        return all;
    }

    static List<ApiOperation> readOne(Path document) {
        JsonNode root;
        try {
            String text = Files.readString(document);
            root = document.toString().endsWith(".json") ? JSON.readTree(text) : YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + document, e);
        }
        String documentService = serviceOf(document) != null ? serviceOf(document)
                : root.path("x-stratus-service").asText(null);
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode item = path.getValue();
            for (Iterator<Map.Entry<String, JsonNode>> ops = item.fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String service = op.getValue().path("x-stratus-service").asText(
                        item.path("x-stratus-service").asText(documentService == null ? routedService(path.getKey())
                                : documentService));
                operations.add(operation(root, service, op.getKey().toUpperCase(), path.getKey(), item,
                        op.getValue()));
            }
        }
        return operations;
    }

    private static ApiOperation operation(JsonNode root, String service, String method, String path, JsonNode item,
            JsonNode op) {
        List<ApiOperation.Param> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode list : List.of(op.path("parameters"), item.path("parameters"))) { // the operation's win
            for (JsonNode p : list) {
                JsonNode param = resolve(root, p, 0);
                if (names.add(param.path("in").asText() + ":" + param.path("name").asText())) {
                    params.add(new ApiOperation.Param(param.path("name").asText(), param.path("in").asText(),
                            resolve(root, param.path("schema"), 0)));
                }
            }
        }
        params.sort(Comparator.comparing(ApiOperation.Param::in).thenComparing(ApiOperation.Param::name));
        JsonNode content = resolve(root, op.path("requestBody"), 0).path("content");
        String bodyType = content.fieldNames().hasNext() ? content.fieldNames().next() : null;
        JsonNode schema = null;
        if (bodyType != null && bodyType.contains("json")) {
            schema = resolve(root, content.path(bodyType).path("schema"), 0);
        }
        Boolean declaredPublic = op.has("security") ? op.path("security").isEmpty() : null;
        return new ApiOperation(service, method, path, List.copyOf(params), bodyType, schema, declaredPublic);
    }

    /** The node with every {@code $ref} replaced by what it names (a cycle stops at depth 8: an empty schema). */
    static JsonNode resolve(JsonNode root, JsonNode node, int depth) {
        if (node == null || node.isMissingNode() || depth > 8) {
            return JSON.createObjectNode();
        }
        if (node.has("$ref")) {
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $refs are read: " + ref);
            }
            return resolve(root, root.at(ref.substring(1)), depth + 1);
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), resolve(root, e.getValue(), depth)));
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(resolve(root, n, depth)));
            return copy;
        }
        return node;
    }

    /** api-service.json → api-service; null for a document not named after a service. */
    static String serviceOf(Path document) {
        String name = document.getFileName().toString().replaceAll("\\.(json|ya?ml)$", "");
        return SERVICES.contains(name) ? name : null;
    }

    /** The service the public URL (or its own port, for the scheduler) sends a path to. */
    static String routedService(String path) {
        if (path.matches("/v1/images(/.*)?")) {
            return "image-service";
        }
        if (path.matches("/v1/(networks|subnets|ports|security-groups|security-group-rules|routers|floating-ips)"
                + "(/.*)?")) {
            return "network-service";
        }
        if (path.startsWith("/v1/scheduler/")) {
            return "scheduler-service";
        }
        return "api-service";
    }
}
