package dev.stratus.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders JSON values as the short text a table cell or a {@code -o value} line shows. */
public final class Values {
    private Values() {
    }

    /** The member at a dotted path ({@code flavor.id}), or a missing node. */
    public static JsonNode at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            if (current == null || !current.isObject()) {
                return MissingNode.getInstance();
            }
            current = current.path(part);
        }
        return current;
    }

    /**
     * Text for a value: nothing for null or missing, the text of a scalar, {@code a, b} for an array,
     * {@code k=v, k2=v2} for an object (nested values rendered the same way).
     */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        List<String> parts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> parts.add(item.isObject() ? "{" + text(item) + "}" : text(item)));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (!member.getValue().isNull()) {
                    parts.add(member.getKey() + "=" + text(member.getValue()));
                }
            }
        }
        return String.join(", ", parts);
    }

    /**
     * A server's {@code addresses} ({network: [{addr, ...}]}) as {@code net=10.0.0.3, 172.24.4.7; other=...}.
     */
    public static String addresses(JsonNode addresses) {
        if (addresses == null || !addresses.isObject()) {
            return "";
        }
        List<String> nets = new ArrayList<>();
        addresses.fields().forEachRemaining(net -> {
            List<String> ips = new ArrayList<>();
            net.getValue().forEach(a -> ips.add(a.path("addr").asText()));
            nets.add(net.getKey() + "=" + String.join(", ", ips));
        });
        return String.join("; ", nets);
    }
}
