package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema of {@code openapi/stratus.yaml}: {@code $ref}, {@code type}
 * with {@code nullable}, {@code enum}, the formats {@code uuid}, {@code date-time}, {@code int32}/{@code int64},
 * {@code required}, {@code properties}, {@code additionalProperties}, {@code items}, {@code allOf} and
 * {@code minimum}/{@code maximum}. Strict where the document is silent: an object member the schema does not name
 * is a violation unless {@code additionalProperties} allows it, so a body that grows a member the document does not
 * declare fails the contract test.
 */
final class SchemaCheck {
    private final JsonNode document;
    private final List<String> violations = new ArrayList<>();

    private SchemaCheck(JsonNode document) {
        this.document = document;
    }

    /** The violations of {@code value} against {@code schema}, each naming where in the value it is. */
    static List<String> violations(JsonNode document, JsonNode schema, JsonNode value) {
        SchemaCheck check = new SchemaCheck(document);
        check.check(schema, value, "$");
        return check.violations;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new IllegalStateException("only local references are followed: " + ref);
            }
            schema = document.at(ref.substring(1));
            if (schema.isMissingNode()) {
                throw new IllegalStateException("dangling reference " + ref);
            }
        }
        return schema;
    }

    private void check(JsonNode schemaOrRef, JsonNode value, String at) {
        JsonNode schema = resolve(schemaOrRef);
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                violations.add(at + " is null but the schema is not nullable");
            }
            return;
        }
        if (schema.has("allOf")) { // a wrapper of a reference (to make it nullable or read-only): the parts judge
            for (JsonNode part : schema.path("allOf")) {
                check(part, value, at);
            }
            return;
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(schema, value, at);
            case "array" -> {
                if (!value.isArray()) {
                    violations.add(at + " is not an array");
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.path("items"), value.get(i), at + "[" + i + "]");
                }
            }
            case "string" -> string(schema, value, at);
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    violations.add(at + " is not an integer: " + value);
                } else if (schema.path("format").asText().equals("int32") && !value.canConvertToInt()) {
                    violations.add(at + " is not an int32: " + value);
                }
                range(schema, value, at);
            }
            case "number" -> {
                if (!value.isNumber()) {
                    violations.add(at + " is not a number: " + value);
                }
                range(schema, value, at);
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    violations.add(at + " is not a boolean: " + value);
                }
            }
            case "" -> {
                if (!schema.isEmpty() && !schema.has("description")) {
                    violations.add(at + ": the schema declares no type: " + schema);
                }
            }
            default -> violations.add(at + ": unknown schema type " + type);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value) || allowed.asText().equals(value.asText());
            }
            if (!listed) {
                violations.add(at + " is " + value + ", not one of " + schema.get("enum"));
            }
        }
    }

    private void object(JsonNode schema, JsonNode value, String at) {
        if (!value.isObject()) {
            violations.add(at + " is not an object: " + abbreviated(value));
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                violations.add(at + " lacks the required member " + required.asText());
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (properties.has(name)) {
                check(properties.get(name), value.get(name), at + "." + name);
            } else if (additional.isObject()) {
                check(additional, value.get(name), at + "." + name);
            } else if (!additional.asBoolean(false)) {
                violations.add(at + "." + name + " is not declared by the schema");
            }
        }
    }

    private void string(JsonNode schema, JsonNode value, String at) {
        if (!value.isTextual()) {
            violations.add(at + " is not a string: " + abbreviated(value));
            return;
        }
        String text = value.asText();
        try {
            switch (schema.path("format").asText("")) {
                case "uuid" -> UUID.fromString(text);
                case "date-time" -> OffsetDateTime.parse(text);
                case "byte" -> java.util.Base64.getDecoder().decode(text);
                default -> {
                }
            }
        } catch (RuntimeException e) {
            violations.add(at + " is not a " + schema.path("format").asText() + ": " + text);
        }
        if (schema.has("minLength") && text.length() < schema.get("minLength").asInt()) {
            violations.add(at + " is shorter than " + schema.get("minLength"));
        }
        if (schema.has("maxLength") && text.length() > schema.get("maxLength").asInt()) {
            violations.add(at + " is longer than " + schema.get("maxLength"));
        }
    }

    private void range(JsonNode schema, JsonNode value, String at) {
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            violations.add(at + " is below " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            violations.add(at + " is above " + schema.get("maximum"));
        }
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
