package dev.stratus.e2e.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Bad values for one path parameter, raw as they go on the request line (percent-encoded where HTTP needs it):
 * NUL and other control characters, very long, unicode and invalid UTF-8, {@code ..}, not a uuid, an unknown uuid,
 * and another project's object of the same kind.
 */
final class PathCases {
    /** Kinds of object project B owns too (see {@link Fixtures}): their ids are "another project's". */
    static final Set<String> OTHER_PROJECT_KINDS = Set.of("networks", "subnets", "ports", "security-groups",
            "security-group-rules", "routers", "floating-ips", "images", "key-pairs", "application-credentials");

    private PathCases() {
    }

    /** label → raw value; the first entries are the ones every parameter gets. */
    static List<Map.Entry<String, String>> of(ApiOperation op, String param, boolean memberRoute, Random rnd) {
        List<Map.Entry<String, String>> values = new ArrayList<>();
        values.add(Map.entry("NUL", "%00"));
        String kind = kindOf(op.path(), param);
        if (memberRoute && OTHER_PROJECT_KINDS.contains(kind)) {
            values.add(Map.entry("another project's " + kind + " id", "@@b:" + kind + "@@"));
        }
        values.add(Map.entry("2,000 characters", "x".repeat(2_000)));
        values.add(Map.entry("NUL inside", "a%00b"));
        values.add(Map.entry("ESC", "%1B%5B31m"));
        values.add(Map.entry("newline", "a%0Ab"));
        values.add(Map.entry("space", "%20"));
        values.add(Map.entry("empty segment", ""));
        values.add(Map.entry("unicode", "%C3%A9t%C3%A9-%F0%9F%98%80"));
        values.add(Map.entry("invalid UTF-8", "%FF%FE"));
        values.add(Map.entry("bad percent-encoding", "%ZZ"));
        values.add(Map.entry("lone percent", "%"));
        values.add(Map.entry("..", ".."));
        values.add(Map.entry("encoded ..", "%2E%2E"));
        values.add(Map.entry("encoded traversal", "..%2F..%2Fv1%2Fprojects"));
        values.add(Map.entry("not a uuid", "not-a-uuid"));
        values.add(Map.entry("nil uuid", "00000000-0000-0000-0000-000000000000"));
        values.add(Map.entry("unknown uuid", new UUID(rnd.nextLong(), rnd.nextLong()).toString()));
        values.add(Map.entry("uuid in upper case", "@@upper:" + param + "@@"));
        values.add(Map.entry("negative number", "-1"));
        values.add(Map.entry("huge number", "99999999999999999999999"));
        values.add(Map.entry("SQL quote", "%27%20OR%20%271%27%3D%271"));
        values.add(Map.entry("encoded percent", "%2500"));
        values.add(Map.entry("braces", "%7Bid%7D"));
        return values;
    }

    /** The kind of object a path parameter names: the path segment before it ({@code servers} for {id}). */
    static String kindOf(String path, String param) {
        String before = path.substring(0, path.indexOf("{" + param + "}"));
        String[] segments = before.split("/");
        return segments.length == 0 ? "" : segments[segments.length - 1];
    }
}
