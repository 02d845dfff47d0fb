package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.e2e.fuzz.FuzzCase.Category;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Schema-violating JSON bodies of one operation: its base body ({@link BaseBodies}) broken in one place, field by
 * field (wrong type, null, missing, huge, control characters, out of range, bad format, nested objects' fields), or
 * as a whole (unknown fields; deep nesting and other shapes in {@link BodyShapes}).
 */
final class BodyCases {
    /** Bodies are written with every non-ASCII character escaped: a lone surrogate stays what it is. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Map<String, String> CONTROL = new java.util.LinkedHashMap<>();

    static {
        CONTROL.put("NUL inside", "a\u0000b");
        CONTROL.put("NUL alone", "\u0000");
        CONTROL.put("ESC sequence", "\u001b[31mred");
        CONTROL.put("BEL", "ring\u0007");
        CONTROL.put("DEL", "del\u007f");
        CONTROL.put("newline", "two\nlines");
        CONTROL.put("carriage return", "a\rb");
        CONTROL.put("C1 control (NEL)", "a\u0085b");
        CONTROL.put("lone surrogate", "a\ud800b");
        CONTROL.put("noncharacter U+FFFF", "a\uffffb");
        CONTROL.put("bidi override", "abc\u202eexe.txt");
    }

    /** One candidate body: what it breaks and its bytes. */
    record Body(Category category, String label, byte[] bytes) {
    }

    private BodyCases() {
    }

    /** Every candidate of the operation, field by field (name first), then the whole-body ones. */
    static List<Body> of(ApiOperation op, ObjectNode base) {
        List<Body> out = new ArrayList<>();
        List<String> fields = BaseBodies.fields(op, base);
        String first = fields.isEmpty() ? null : fields.get(0);
        for (String field : fields) {
            JsonNode schema = fieldSchema(op, base, field);
            for (Map.Entry<String, JsonNode> bad : wrongTypes(schema)) {
                out.add(with(Category.BODY_TYPE, base, field, bad.getKey(), bad.getValue()));
            }
            out.add(with(Category.BODY_NULL, base, field, "null", NODES.nullNode()));
            if (base.has(field)) {
                ObjectNode without = base.deepCopy();
                without.remove(field);
                out.add(body(Category.BODY_MISSING, field + " left out", without));
            }
            huge(schema).ifPresent(h -> out.add(with(Category.BODY_HUGE, base, field, h.getKey(), h.getValue())));
            for (Map.Entry<String, JsonNode> c : controls(schema)) {
                out.add(with(Category.BODY_CONTROL, base, field, c.getKey(), c.getValue()));
            }
            for (Map.Entry<String, JsonNode> r : ranges(schema)) {
                out.add(with(Category.BODY_RANGE, base, field, r.getKey(), r.getValue()));
            }
            for (Map.Entry<String, JsonNode> f : formats(schema)) {
                out.add(with(Category.BODY_FORMAT, base, field, f.getKey(), f.getValue()));
            }
            out.addAll(nested(base, field, schema));
        }
        out.add(body(Category.BODY_MISSING, "empty object", NODES.objectNode()));
        ObjectNode extra = base.deepCopy();
        extra.put("fuzz_unknown_field", "x");
        out.add(body(Category.BODY_EXTRA, "unknown field fuzz_unknown_field", extra));
        ObjectNode extraNull = base.deepCopy();
        extraNull.putNull("id");
        out.add(body(Category.BODY_EXTRA, "read-only field id (null)", extraNull));
        out.addAll(BodyShapes.of(base, first));
        return out;
    }

    /** The field's schema: documented, the map's value schema, or (opaque bodies) guessed from the base value. */
    static JsonNode fieldSchema(ApiOperation op, ObjectNode base, String field) {
        JsonNode schema = op.bodySchema();
        if (schema != null && schema.path("properties").has(field) && !Schemas.isOpaque(schema)) {
            return schema.path("properties").path(field);
        }
        if (schema != null && Schemas.kind(schema).equals("map")) {
            return schema.path("additionalProperties");
        }
        JsonNode value = base.path(field);
        String type = value.isBoolean() ? "boolean" : value.isIntegralNumber() ? "integer" : value.isNumber()
                ? "number" : "string";
        return NODES.objectNode().put("type", type);
    }

    static List<Map.Entry<String, JsonNode>> wrongTypes(JsonNode schema) {
        List<Map.Entry<String, JsonNode>> bad = new ArrayList<>();
        ObjectNode object = NODES.objectNode().put("a", 1);
        switch (Schemas.kind(schema)) {
            case "integer":
                bad.add(Map.entry("number as string \"12\"", NODES.textNode("12")));
                bad.add(Map.entry("fraction 1.5", NODES.numberNode(1.5)));
                bad.add(Map.entry("boolean", NODES.booleanNode(true)));
                bad.add(Map.entry("object", object));
                break;
            case "number":
                bad.add(Map.entry("number as string \"12\"", NODES.textNode("12")));
                bad.add(Map.entry("boolean", NODES.booleanNode(true)));
                break;
            case "boolean":
                bad.add(Map.entry("-1", NODES.numberNode(-1)));
                bad.add(Map.entry("0", NODES.numberNode(0)));
                bad.add(Map.entry("string \"true\"", NODES.textNode("true")));
                bad.add(Map.entry("string \"yes\"", NODES.textNode("yes")));
                break;
            case "array":
                bad.add(Map.entry("string", NODES.textNode("x")));
                bad.add(Map.entry("object", object));
                bad.add(Map.entry("array of numbers", NODES.arrayNode().add(1).add(2)));
                break;
            case "object":
            case "map":
                bad.add(Map.entry("string", NODES.textNode("x")));
                bad.add(Map.entry("array", NODES.arrayNode().add(1)));
                bad.add(Map.entry("number", NODES.numberNode(1)));
                break;
            default:
                bad.add(Map.entry("number 12345", NODES.numberNode(12345)));
                bad.add(Map.entry("boolean", NODES.booleanNode(true)));
                bad.add(Map.entry("object", object));
                bad.add(Map.entry("array", NODES.arrayNode().add("x")));
        }
        return bad;
    }

    static java.util.Optional<Map.Entry<String, JsonNode>> huge(JsonNode schema) {
        switch (Schemas.kind(schema)) {
            case "string":
            case "any":
                return java.util.Optional.of(Map.entry("100,000 characters", NODES.textNode("A".repeat(100_000))));
            case "array":
                ArrayNode many = NODES.arrayNode();
                JsonNode item = Schemas.kind(schema.path("items")).equals("object") ? NODES.objectNode()
                        : NODES.textNode("x");
                for (int i = 0; i < 10_000; i++) {
                    many.add(item);
                }
                return java.util.Optional.of(Map.entry("10,000 items", many));
            case "map":
                ObjectNode keys = NODES.objectNode();
                for (int i = 0; i < 5_000; i++) {
                    keys.put("k" + i, "v");
                }
                return java.util.Optional.of(Map.entry("5,000 keys", keys));
            default:
                return java.util.Optional.empty();
        }
    }

    static List<Map.Entry<String, JsonNode>> controls(JsonNode schema) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        String kind = Schemas.kind(schema);
        for (Map.Entry<String, String> c : CONTROL.entrySet()) {
            if (kind.equals("string") || kind.equals("any")) {
                out.add(Map.entry(c.getKey(), NODES.textNode(c.getValue())));
            } else if (kind.equals("array") && Schemas.kind(schema.path("items")).equals("string")) {
                out.add(Map.entry("item with " + c.getKey(), NODES.arrayNode().add(c.getValue())));
            } else if (kind.equals("map")) {
                out.add(Map.entry("key with " + c.getKey(), NODES.objectNode().put(c.getValue(), "v")));
                out.add(Map.entry("value with " + c.getKey(), NODES.objectNode().put("k", c.getValue())));
            }
        }
        return out;
    }

    static List<Map.Entry<String, JsonNode>> ranges(JsonNode schema) {
        if (!Schemas.kind(schema).equals("integer") && !Schemas.kind(schema).equals("number")) {
            return List.of();
        }
        return List.of(Map.entry("-1", NODES.numberNode(-1)), Map.entry("-2", NODES.numberNode(-2)),
                Map.entry("0", NODES.numberNode(0)),
                Map.entry("2^31", NODES.numberNode(2_147_483_648L)),
                Map.entry("2^63", NODES.numberNode(new BigInteger("9223372036854775808"))),
                Map.entry("-2^63-1", NODES.numberNode(new BigInteger("-9223372036854775809"))),
                Map.entry("1e400", NODES.numberNode(new java.math.BigDecimal("1e400"))));
    }

    static List<Map.Entry<String, JsonNode>> formats(JsonNode schema) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        String format = schema.path("format").asText("");
        if (schema.has("enum")) {
            out.add(Map.entry("not one of the enum", NODES.textNode("NOT_ONE_OF_THEM")));
            out.add(Map.entry("enum value in other case", NODES.textNode(
                    schema.path("enum").path(0).asText("x").toUpperCase().equals(schema.path("enum").path(0).asText())
                            ? schema.path("enum").path(0).asText("x").toLowerCase()
                            : schema.path("enum").path(0).asText("x").toUpperCase())));
        }
        if (format.equals("uuid")) {
            out.add(Map.entry("not a uuid", NODES.textNode("not-a-uuid")));
            out.add(Map.entry("uuid with a bad digit", NODES.textNode("00000000-0000-0000-0000-00000000000g")));
            out.add(Map.entry("unknown uuid", NODES.textNode("@@random_uuid@@")));
        } else if (format.equals("date-time")) {
            out.add(Map.entry("not a date", NODES.textNode("yesterday")));
            out.add(Map.entry("impossible date", NODES.textNode("2026-13-45T25:61:00Z")));
        } else if (Schemas.kind(schema).equals("string")) {
            out.add(Map.entry("empty string", NODES.textNode("")));
            out.add(Map.entry("blank string", NODES.textNode("   ")));
            out.add(Map.entry("path traversal", NODES.textNode("../../etc/passwd")));
        }
        return out;
    }

    /** Fields of an object (or of an array's object items) broken one at a time, plus an unknown one. */
    private static List<Body> nested(ObjectNode base, String field, JsonNode schema) {
        boolean array = Schemas.kind(schema).equals("array");
        JsonNode objectSchema = array ? schema.path("items") : schema;
        if (!Schemas.kind(objectSchema).equals("object")) {
            return List.of();
        }
        List<Body> out = new ArrayList<>();
        String where = field + (array ? "[0]" : "");
        for (Iterator<Map.Entry<String, JsonNode>> it = objectSchema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> inner = it.next();
            Map<Category, List<Map.Entry<String, JsonNode>>> bad = new java.util.LinkedHashMap<>();
            bad.put(Category.BODY_TYPE, wrongTypes(inner.getValue()));
            List<Map.Entry<String, JsonNode>> controls = controls(inner.getValue());
            bad.put(Category.BODY_CONTROL, controls.subList(0, Math.min(2, controls.size())));
            bad.put(Category.BODY_FORMAT, formats(inner.getValue()));
            bad.put(Category.BODY_NULL, List.of(Map.entry("null", NODES.nullNode())));
            bad.forEach((category, values) -> values.forEach(b -> {
                ObjectNode item = NODES.objectNode();
                item.set(inner.getKey(), b.getValue());
                out.add(set(category, base, field, where + "." + inner.getKey() + ": " + b.getKey(),
                        array ? NODES.arrayNode().add(item) : item));
            }));
        }
        ObjectNode unknown = NODES.objectNode().put("fuzz_unknown_field", "x");
        out.add(set(Category.BODY_EXTRA, base, field, where + ": unknown field",
                array ? NODES.arrayNode().add(unknown) : unknown));
        return out;
    }

    private static Body with(Category category, ObjectNode base, String field, String label, JsonNode value) {
        return set(category, base, field, field + ": " + label, value);
    }

    private static Body set(Category category, ObjectNode base, String field, String label, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        copy.set(field, value);
        return body(category, label, copy);
    }

    /** The base with {@code field} first, holding {@code rawValue} as written (not necessarily JSON). */
    static String prepend(ObjectNode base, String field, String rawValue) {
        ObjectNode rest = base.deepCopy();
        rest.remove(field);
        return "{\"" + field + "\":" + rawValue + (rest.isEmpty() ? "}" : "," + text(rest).substring(1));
    }

    static Body body(Category category, String label, JsonNode json) {
        return new Body(category, label, text(json).getBytes(StandardCharsets.US_ASCII));
    }

    static Body raw(Category category, String label, String text) {
        return new Body(category, label, text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
