package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the fuzzer reads from a (resolved) JSON schema. */
final class Schemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Schemas() {
    }

    /** string, integer, number, boolean, array, object (with properties), map (additionalProperties), any. */
    static String kind(JsonNode schema) {
        if (schema == null || schema.isMissingNode()) {
            return "any";
        }
        String type = schema.path("type").isArray() ? schema.path("type").path(0).asText()
                : schema.path("type").asText("");
        if (type.isEmpty()) {
            if (schema.has("properties")) {
                return "object";
            }
            if (schema.has("items")) {
                return "array";
            }
            return schema.has("enum") ? "string" : "any";
        }
        if (type.equals("object") && !schema.has("properties") && schema.has("additionalProperties")) {
            return "map";
        }
        return type;
    }

    /**
     * Whether the document says nothing useful of the body's fields: Jackson's JsonNode described as a bean (its
     * {@code node_type}, {@code container_node} ... getters), a free-form object, or no schema.
     */
    static boolean isOpaque(JsonNode schema) {
        if (schema == null || kind(schema).equals("any")) {
            return true;
        }
        JsonNode properties = schema.path("properties");
        if (properties.has("node_type") && properties.has("container_node")) {
            return true;
        }
        return kind(schema).equals("map") || (kind(schema).equals("object") && properties.isEmpty());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
