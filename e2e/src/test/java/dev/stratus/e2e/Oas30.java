package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the OpenAPI 3.1 that SmallRye serves into 3.0.3 for {@code openapi/stratus.yaml}:
 * {@code type: [T, "null"]} becomes {@code type: T, nullable: true}; a schema's {@code examples} list its first
 * {@code example}; a {@code $ref} loses its siblings (3.0 ignores them), but one made nullable becomes
 * {@code allOf: [$ref], nullable: true}. {@link #inlinePrimitives} replaces references to component schemas that
 * are only a type and a format ({@code UUID}, {@code Instant}, {@code OffsetDateTime}) by the schema itself, so a
 * generator writes {@code UUID} and {@code OffsetDateTime} instead of wrapper models.
 */
final class Oas30 {
    private static final Set<String> PRIMITIVE_MEMBERS = Set.of("type", "format", "pattern", "examples", "example",
            "description");

    private Oas30() {
    }

    static void convert(JsonNode node) {
        if (node.isArray()) {
            node.forEach(Oas30::convert);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode type = object.get("type");
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            boolean nullable = types.remove("null");
            if (types.size() != 1) {
                throw new IllegalStateException("a schema of several types has no OpenAPI 3.0 form: " + object);
            }
            object.put("type", types.get(0));
            if (nullable) {
                object.put("nullable", true);
            }
        }
        JsonNode examples = object.get("examples");
        if (examples != null && examples.isArray()) {
            object.remove("examples");
            if (!examples.isEmpty()) {
                object.set("example", examples.get(0));
            }
        }
        if (object.has("$ref") && object.get("$ref").isTextual() && object.size() > 1) {
            boolean nullable = object.path("nullable").asBoolean(false);
            boolean readOnly = object.path("readOnly").asBoolean(false);
            String ref = object.get("$ref").asText();
            object.removeAll();
            object.put("$ref", ref);
            if (nullable) {
                wrap(object).put("nullable", true);
            }
            if (readOnly) {
                wrap(object).put("readOnly", true);
            }
        }
        object.fields().forEachRemaining(field -> convert(field.getValue()));
    }

    /** {@code {$ref}} becomes {@code {allOf: [{$ref}]}}, which takes siblings in OpenAPI 3.0. */
    private static ObjectNode wrap(ObjectNode reference) {
        if (reference.has("$ref")) {
            String ref = reference.get("$ref").asText();
            reference.remove("$ref");
            reference.putArray("allOf").addObject().put("$ref", ref);
        }
        return reference;
    }

    /**
     * Declares what the services do: a member a schema does not require may be absent or null (Jackson writes the
     * null members of most views). Applied to every component object schema and the objects nested in them.
     */
    static void nullableOptionals(ObjectNode components) {
        JsonNode schemas = components.path("schemas");
        schemas.forEach(schema -> nullableOptionals(schemas, schema));
    }

    private static void nullableOptionals(JsonNode schemas, JsonNode schema) {
        if (!schema.isObject()) {
            return;
        }
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").fields().forEachRemaining(property -> {
            ObjectNode member = (ObjectNode) property.getValue();
            if (!required.contains(property.getKey())) {
                String ref = member.path("$ref").asText("");
                wrap(member).put("nullable", true);
                if (!member.has("type")) { // Redocly's nullable-type-sibling: nullable goes with a type
                    String target = member.path("allOf").path(0).path("$ref").asText(ref)
                            .replace("#/components/schemas/", "");
                    String type = schemas.path(target).path("type").asText("");
                    if (!type.isEmpty()) {
                        member.put("type", type);
                    }
                }
            }
            nullableOptionals(schemas, member);
            nullableOptionals(schemas, member.path("items"));
        });
    }

    /** Replaces references to schemas that are a bare type and format by a copy of them, and drops those. */
    static void inlinePrimitives(ObjectNode paths, ObjectNode components) {
        ObjectNode schemas = (ObjectNode) components.path("schemas");
        if (schemas.isMissingNode()) {
            return;
        }
        List<String> primitives = new ArrayList<>();
        for (Map.Entry<String, JsonNode> schema : (Iterable<Map.Entry<String, JsonNode>>) schemas::fields) {
            JsonNode s = schema.getValue();
            List<String> members = new ArrayList<>();
            s.fieldNames().forEachRemaining(members::add);
            if (s.has("type") && !s.path("type").asText().equals("object") && !s.path("type").asText().equals("array")
                    && !s.has("enum") && PRIMITIVE_MEMBERS.containsAll(members)) {
                primitives.add(schema.getKey());
            }
        }
        for (String name : primitives) {
            JsonNode definition = schemas.get(name).deepCopy();
            ((ObjectNode) definition).remove("pattern"); // format uuid says it, and generators validate it anyway
            replace(paths, "#/components/schemas/" + name, definition);
            replace(components, "#/components/schemas/" + name, definition);
        }
        collapse(paths);
        collapse(components);
    }

    /** {@code allOf: [S]} where S is an inline schema (an inlined primitive) becomes S's members. */
    private static void collapse(JsonNode node) {
        node.forEach(Oas30::collapse);
        if (node.isObject() && node.path("allOf").size() == 1 && !node.path("allOf").get(0).has("$ref")) {
            ObjectNode object = (ObjectNode) node;
            ObjectNode inner = (ObjectNode) object.remove("allOf").get(0);
            inner.fields().forEachRemaining(f -> object.putIfAbsent(f.getKey(), f.getValue()));
        }
    }

    private static void replace(JsonNode node, String ref, JsonNode definition) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (isRef(child, ref)) {
                    object.set(name, definition.deepCopy());
                } else {
                    replace(child, ref, definition);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                if (isRef(array.get(i), ref)) {
                    array.set(i, definition.deepCopy());
                } else {
                    replace(array.get(i), ref, definition);
                }
            }
        }
    }

    private static boolean isRef(JsonNode node, String ref) {
        return node.isObject() && node.size() == 1 && ref.equals(node.path("$ref").asText(null));
    }
}
