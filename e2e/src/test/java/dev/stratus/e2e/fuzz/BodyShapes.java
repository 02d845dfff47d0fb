package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.e2e.fuzz.BodyCases.Body;
import dev.stratus.e2e.fuzz.FuzzCase.Category;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.stratus.e2e.fuzz.BodyCases.prepend;
import static dev.stratus.e2e.fuzz.BodyCases.raw;
import static dev.stratus.e2e.fuzz.BodyCases.text;

/**
 * Bodies malformed as a whole: deeply nested, not the object asked for (an array, a string, {@code null}), not JSON
 * (truncated, two objects, comments, single quotes, NaN), or not UTF-8.
 */
final class BodyShapes {
    private BodyShapes() {
    }

    /** The candidates, built around the base body; {@code first} is the field some of them change. */
    static List<Body> of(ObjectNode base, String first) {
        String text = text(base);
        List<Body> out = new ArrayList<>();
        out.add(raw(Category.BODY_NESTING, "10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000)));
        if (first != null) {
            String deep = "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_000);
            out.add(raw(Category.BODY_NESTING, first + ": 2,000 nested objects", prepend(base, first, deep)));
            out.add(raw(Category.BODY_NESTING, first + ": 500 nested arrays",
                    prepend(base, first, "[".repeat(500) + "]".repeat(500))));
        }
        out.add(raw(Category.BODY_SHAPE, "not JSON", "this is not json"));
        out.add(new Body(Category.BODY_SHAPE, "empty body", new byte[0]));
        out.add(raw(Category.BODY_SHAPE, "array for object", "[" + text + "]"));
        out.add(raw(Category.BODY_SHAPE, "empty array", "[]"));
        out.add(raw(Category.BODY_SHAPE, "string for object", "\"fuzz\""));
        out.add(raw(Category.BODY_SHAPE, "number for object", "42"));
        out.add(raw(Category.BODY_SHAPE, "JSON null", "null"));
        out.add(raw(Category.BODY_SHAPE, "truncated", text.substring(0, Math.max(1, text.length() - 1))));
        out.add(raw(Category.BODY_SHAPE, "trailing garbage", text + "}{"));
        out.add(raw(Category.BODY_SHAPE, "two objects", text + text));
        out.add(raw(Category.BODY_SHAPE, "comment", "/* c */" + text));
        out.add(raw(Category.BODY_SHAPE, "single quotes", text.replace('"', '\'')));
        out.add(raw(Category.BODY_SHAPE, "whitespace only", " \n\t "));
        if (first != null) {
            out.add(raw(Category.BODY_SHAPE, first + " given twice", "{\"" + first + "\":\"fuzz-dup\","
                    + prepend(base, first, "\"fuzz-dup2\"").substring(1)));
            out.add(raw(Category.BODY_SHAPE, first + ": NaN", prepend(base, first, "NaN")));
            out.add(raw(Category.BODY_SHAPE, first + ": leading zeros", prepend(base, first, "007")));
            ByteArrayOutputStream invalid = new ByteArrayOutputStream();
            invalid.writeBytes(("{\"" + first + "\":\"a").getBytes(StandardCharsets.US_ASCII));
            invalid.writeBytes(new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc3, (byte) 0x28});
            invalid.writeBytes("b\"}".getBytes(StandardCharsets.US_ASCII));
            out.add(new Body(Category.BODY_SHAPE, first + ": invalid UTF-8 bytes", invalid.toByteArray()));
            ObjectNode emoji = base.deepCopy();
            emoji.put(first, "fuzz-\u00e9t\u00e9-\ud83d\ude00");
            out.add(new Body(Category.BODY_SHAPE, first + ": raw UTF-8 (é, emoji)",
                    emoji.toString().getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream bom = new ByteArrayOutputStream();
        bom.writeBytes(new byte[]{(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
        bom.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        out.add(new Body(Category.BODY_SHAPE, "UTF-8 byte order mark", bom.toByteArray()));
        return out;
    }

}
