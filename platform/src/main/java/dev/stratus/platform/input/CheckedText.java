package dev.stratus.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Strings read from JSON, checked for control characters ({@link ControlCharacters}): a string value may hold TAB, LF
 * and CR, an object key nothing. Typed fields, map keys, and the trees of routes that take a {@code JsonNode} (merge
 * patches) are all checked, so no control character reaches a service through JSON.
 */
final class CheckedText {
    private CheckedText() {
    }

    /** String values of typed fields and collections. */
    static final class Strings extends StdScalarDeserializer<String> {
        Strings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            int at = value == null ? -1 : ControlCharacters.inText(value);
            if (at >= 0) {
                throw InvalidFormatException.from(p, "the string holds " + ControlCharacters.describe(value, at)
                        + "; only TAB, LF and CR are taken in text, and none in names and ids", value, String.class);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Keys of maps ({@code metadata}, {@code properties}). */
    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            int at = ControlCharacters.inLine(key);
            if (at >= 0) {
                throw ctxt.weirdKeyException(String.class, key, "the key holds " + ControlCharacters.describe(key, at));
            }
            return key;
        }
    }

    /** Whole trees ({@code JsonNode} bodies): every key and every string value. */
    static final class Trees extends JsonDeserializer<JsonNode> {
        @SuppressWarnings("unchecked")
        private final JsonDeserializer<JsonNode> standard =
                (JsonDeserializer<JsonNode>) JsonNodeDeserializer.getDeserializer(JsonNode.class);

        @Override
        public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = standard.deserialize(p, ctxt);
            check(p, tree, new ArrayDeque<>());
            return tree;
        }

        @Override
        public JsonNode getNullValue(DeserializationContext ctxt) throws JsonMappingException {
            return standard.getNullValue(ctxt);
        }

        private static void check(JsonParser p, JsonNode node, Deque<JsonMappingException.Reference> path)
                throws JsonMappingException {
            if (node.isTextual()) {
                int at = ControlCharacters.inText(node.textValue());
                if (at >= 0) {
                    throw refused(p, path, node.textValue(), "the string holds "
                            + ControlCharacters.describe(node.textValue(), at));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(new JsonMappingException.Reference(node, i));
                    check(p, node.get(i), path);
                    path.removeLast();
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    path.addLast(new JsonMappingException.Reference(node, field.getKey()));
                    int at = ControlCharacters.inLine(field.getKey());
                    if (at >= 0) {
                        throw refused(p, path, field.getKey(), "the key holds "
                                + ControlCharacters.describe(field.getKey(), at));
                    }
                    check(p, field.getValue(), path);
                    path.removeLast();
                }
            }
        }

        private static JsonMappingException refused(JsonParser p, Deque<JsonMappingException.Reference> path,
                String value, String message) {
            InvalidFormatException e = InvalidFormatException.from(p, message, value, String.class);
            for (Iterator<JsonMappingException.Reference> it = path.descendingIterator(); it.hasNext(); ) {
                e.prependPath(it.next());
            }
            return e;
        }
    }
}
