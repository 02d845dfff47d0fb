package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A valid (or nearly valid) body per operation, which each case then breaks in one place, so that a case reaches the
 * code behind the first check. Its fields are the schema's {@code required} ones, or, where the documents declare
 * none, the fields Stratus needs (known by name below); values name the stack's real objects through placeholders.
 */
final class BaseBodies {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Fields a create needs, where the documents do not say so (they declare no {@code required} yet). */
    private static final Set<String> NEEDED = Set.of("name", "flavor", "image", "network_id", "cidr",
            "security_group_id", "direction", "floating_network_id", "subnet_id", "user", "password", "project",
            "role", "member", "disk_format", "container_format", "enabled", "status");
    /** Bodies whose documented schema says nothing of their fields (a JsonNode, a map): path suffix → base. */
    private static final Map<String, String> OPAQUE = new LinkedHashMap<>();

    static {
        OPAQUE.put("/quotas", "{\"key_pairs\": 100}");
        OPAQUE.put("/server-ttl", "{\"default_ttl_seconds\": 3600}");
        OPAQUE.put("/v1/floating-ips/{id}", "{\"description\": \"fuzz\"}");
    }

    private BaseBodies() {
    }

    /** The base body of a JSON operation; {@code rnd} picks unique names. */
    static ObjectNode of(ApiOperation op, Random rnd) {
        JsonNode schema = op.bodySchema();
        if (Schemas.isOpaque(schema)) {
            for (Map.Entry<String, String> e : OPAQUE.entrySet()) {
                if (op.path().endsWith(e.getKey())) {
                    return (ObjectNode) Schemas.parse(e.getValue());
                }
            }
            ObjectNode base = NODES.objectNode();
            base.put("name", name(rnd));
            return base;
        }
        ObjectNode base = NODES.objectNode();
        List<String> wanted = new ArrayList<>();
        schema.path("required").forEach(r -> wanted.add(r.asText()));
        if (wanted.isEmpty()) {
            schema.path("properties").fieldNames().forEachRemaining(f -> {
                if (NEEDED.contains(f)) {
                    wanted.add(f);
                }
            });
        }
        for (String field : wanted) {
            base.set(field, value(op, field, schema.path("properties").path(field), rnd));
        }
        return base;
    }

    /** A good value of {@code field}: a real object's placeholder, a known name, or one made from its schema. */
    static JsonNode value(ApiOperation op, String field, JsonNode schema, Random rnd) {
        boolean tokens = op.path().equals("/v1/auth/tokens");
        switch (field) {
            case "name":
                return NODES.textNode(name(rnd));
            case "flavor":
                return NODES.textNode("m1.tiny");
            case "image":
                return NODES.textNode("stratus-tiny");
            case "network_id":
            case "network":
                return NODES.textNode("@@network@@");
            case "floating_network_id":
                return NODES.textNode("@@external_network@@");
            case "cidr":
                return NODES.textNode("10.201." + rnd.nextInt(256) + ".0/24");
            case "security_group_id":
                return NODES.textNode("@@group@@");
            case "direction":
                return NODES.textNode("ingress");
            case "subnet_id":
                return NODES.textNode("@@subnet@@");
            case "user":
                return NODES.textNode(tokens ? "@@member_user@@" : "@@target_user@@");
            case "password":
                return NODES.textNode(tokens ? "@@member_password@@" : "fuzz-password-" + rnd.nextInt(1000));
            case "project":
                return NODES.textNode("@@member_project@@");
            case "role":
                return NODES.textNode("member");
            case "member":
                return NODES.textNode("@@project_b@@");
            case "disk_format":
                return NODES.textNode("qcow2");
            case "container_format":
                return NODES.textNode("bare");
            case "enabled":
                return NODES.booleanNode(true);
            default:
                return fromSchema(schema, rnd);
        }
    }

    private static JsonNode fromSchema(JsonNode schema, Random rnd) {
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0);
        }
        switch (Schemas.kind(schema)) {
            case "integer":
            case "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(true);
            case "array":
                return NODES.arrayNode();
            case "object":
            case "map":
                return NODES.objectNode();
            default:
                return NODES.textNode("uuid".equals(schema.path("format").asText()) ? "@@random_uuid@@"
                        : "fuzz-" + Integer.toHexString(rnd.nextInt(0x100000)));
        }
    }

    static String name(Random rnd) {
        return "fuzz-" + String.format("%06x", rnd.nextInt(0x1000000));
    }

    /** The fields to break one at a time (name first): every documented property, or an opaque body's own. */
    static List<String> fields(ApiOperation op, ObjectNode base) {
        List<String> fields = new ArrayList<>();
        if (Schemas.isOpaque(op.bodySchema())) {
            base.fieldNames().forEachRemaining(fields::add);
        } else {
            for (Iterator<String> it = op.bodySchema().path("properties").fieldNames(); it.hasNext(); ) {
                fields.add(it.next());
            }
        }
        if (fields.remove("name")) {
            fields.add(0, "name");
        }
        return fields;
    }
}
