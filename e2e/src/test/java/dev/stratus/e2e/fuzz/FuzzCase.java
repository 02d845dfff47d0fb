package dev.stratus.e2e.fuzz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One malformed request of the plan, before the stack's ids are known: path parameters, query, headers and body may
 * hold placeholders ({@code @@network@@}) that {@link Fixtures} fills in when it is sent.
 *
 * @param pathValues  raw (already percent-encoded) values of the path parameters this case changes; the others take
 *                    the real objects' ids
 * @param query       the raw query string without {@code ?}, or null
 * @param contentType the Content-Type header, or null to send none
 * @param body        the body, or null for none
 */
public record FuzzCase(ApiOperation operation, Category category, String label, Caller caller, Target target,
        Map<String, String> pathValues, String query, Map<String, String> headers, String contentType, byte[] body) {

    /** What kind of malformation this case is, for the report. */
    public enum Category {
        BODY_TYPE("body: wrong type"), BODY_NULL("body: null"), BODY_MISSING("body: missing fields"),
        BODY_EXTRA("body: unknown field"), BODY_HUGE("body: huge value"), BODY_CONTROL("body: control characters"),
        BODY_RANGE("body: number out of range"), BODY_FORMAT("body: bad format or enum"),
        BODY_NESTING("body: deep nesting"), BODY_SHAPE("body: not the JSON object asked for"),
        PATH("path: bad id"), QUERY("query: bad value"), HEADER("header: bad value"),
        CONTENT_TYPE("wrong Content-Type"), ACCEPT("wrong Accept"), ROLE("token the route refuses"),
        LIMITS("size limits (414/431/413)");

        public final String title;

        Category(String title) {
            this.title = title;
        }
    }

    /** Whose token the request carries. */
    public enum Caller { NONE, MEMBER, ADMIN, SERVICE }

    /** Where it is sent: the public URL (api-service's edge routing) or the service's own port. */
    public enum Target { EDGE, OWN }

    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");

    /** The path with this case's values and {@code real} for the others (both raw, percent-encoded). */
    public String path(java.util.function.BiFunction<ApiOperation, String, String> real) {
        Matcher m = PARAM.matcher(operation.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = pathValues.containsKey(name) ? pathValues.get(name) : real.apply(operation, name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One line that identifies the request exactly (the same seed gives the same lines). */
    public String describe() {
        String target = path((op, name) -> "{" + name + "}") + (query == null ? "" : "?" + abbreviate(query, 120));
        Map<String, String> shownHeaders = new LinkedHashMap<>();
        headers.forEach((k, v) -> shownHeaders.put(k, abbreviate(v, 60)));
        return category + " | " + caller + " " + operation.method() + " " + target + " | " + shownHeaders
                + " | " + contentType + " | " + (body == null ? "no body" : body.length + " bytes sha256:"
                + sha256(body).substring(0, 16) + " " + bodyExcerpt(80)) + " | " + label;
    }

    /** The start of the body, control characters shown as {@code \\uXXXX}. */
    public String bodyExcerpt(int max) {
        if (body == null) {
            return "";
        }
        return abbreviate(printable(new String(body, 0, Math.min(body.length, max * 4), StandardCharsets.UTF_8)), max);
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0xfffd) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
