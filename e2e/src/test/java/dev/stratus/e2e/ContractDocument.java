package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code openapi/stratus.yaml} as a judge of real answers: {@link #check} finds the operation of a request, and
 * fails when the answer's status is not one it declares, when its media type is not declared for that status, when
 * its body does not match the declared schema ({@link SchemaCheck}), when a declared {@code Location} is missing,
 * or when a status without content comes with a body. It records which operations were called with which
 * statuses, so a test can require that every operation was.
 */
final class ContractDocument {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");

    private final JsonNode document;
    private final Map<String, Set<Integer>> called = new TreeMap<>();

    private ContractDocument(JsonNode document) {
        this.document = document;
    }

    static ContractDocument load() {
        try {
            return new ContractDocument(StratusDocument.YAML.readTree(
                    Files.readString(Stack.ROOT.resolve("openapi/stratus.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operationId of the document. */
    Set<String> operationIds() {
        Set<String> ids = new TreeSet<>();
        document.path("paths").forEach(item -> item.fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                ids.add(op.getValue().path("operationId").asText());
            }
        }));
        return ids;
    }

    /** operationId → the statuses it answered so far. */
    Map<String, Set<Integer>> called() {
        return called;
    }

    /** Checks one answer against the document; the failure says what differs. */
    void check(String method, URI uri, HttpResponse<byte[]> response) {
        String route = method + " " + uri.getRawPath();
        JsonNode operation = operation(method.toLowerCase(), uri.getRawPath());
        if (operation == null) {
            throw new AssertionError(route + " is not in openapi/stratus.yaml");
        }
        String id = operation.path("operationId").asText();
        called.computeIfAbsent(id, k -> new TreeSet<>()).add(response.statusCode());
        JsonNode declared = operation.path("responses").path(String.valueOf(response.statusCode()));
        String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (declared.isMissingNode()) {
            throw new AssertionError(id + " (" + route + ") answered " + response.statusCode() + ", which the document"
                    + " does not declare (it declares " + names(operation.path("responses")) + "): " + cut(body));
        }
        declared = resolve(declared);
        if (declared.path("headers").has("Location") && response.headers().firstValue("Location").isEmpty()) {
            throw new AssertionError(id + " answered " + response.statusCode() + " without the declared Location");
        }
        JsonNode content = declared.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (response.body().length > 0 && !method.equals("HEAD")) {
                throw new AssertionError(id + " answered " + response.statusCode() + " with a body the document does"
                        + " not declare: " + cut(body));
            }
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            throw new AssertionError(id + " answered " + response.statusCode() + " as " + type + ", not as the"
                    + " declared " + names(content) + ": " + cut(body));
        }
        if (method.equals("HEAD")) {
            return;
        }
        if (type.endsWith("json")) {
            JsonNode value;
            try {
                value = JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(id + " answered " + response.statusCode() + " with malformed JSON: "
                        + cut(body));
            }
            List<String> violations = SchemaCheck.violations(document, media.path("schema"), value);
            if (!violations.isEmpty()) {
                throw new AssertionError(id + " answered " + response.statusCode() + " with a body that does not"
                        + " match its schema: " + violations + "\nbody: " + cut(body));
            }
        } else if (!media.path("schema").path("type").asText().equals("string")) {
            throw new AssertionError(id + ": " + type + " is declared with a schema that is not a string");
        }
    }

    /** The operation whose path template matches; a literal segment beats a template one. */
    private JsonNode operation(String method, String path) {
        JsonNode best = null;
        int bestLiterals = -1;
        String[] segments = path.split("/");
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String[] template = entry.getKey().split("/");
            if (template.length != segments.length || !entry.getValue().has(method)) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{")) {
                    continue;
                }
                matches = template[i].equals(segments[i]);
                literals++;
            }
            if (matches && literals > bestLiterals) {
                best = entry.getValue().get(method);
                bestLiterals = literals;
            }
        }
        return best;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String cut(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }
}
