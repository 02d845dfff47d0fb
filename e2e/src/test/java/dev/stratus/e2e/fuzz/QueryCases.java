package dev.stratus.e2e.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Bad query strings of a GET operation: each declared parameter with values wrong for its type (NUL, control
 * characters, very long, unicode, negative or huge numbers, not a boolean), bad paging (limit, marker, sort), an
 * unknown parameter, a parameter given twice.
 */
final class QueryCases {
    private QueryCases() {
    }

    /** label → raw query string; the first entries are the ones every GET gets. */
    static List<Map.Entry<String, String>> of(ApiOperation op, Random rnd) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        List<ApiOperation.Param> params = op.params("query");
        out.add(Map.entry("unknown parameter", "fuzz_unknown=1"));
        if (!params.isEmpty()) {
            ApiOperation.Param first = params.stream().filter(p -> p.name().equals("name")).findFirst()
                    .orElse(params.get(0));
            out.add(Map.entry(first.name() + ": NUL", enc(first.name()) + "=%00"));
        }
        out.add(Map.entry("NUL in a parameter's name", "a%00b=1"));
        for (ApiOperation.Param p : params) {
            String name = enc(p.name());
            for (Map.Entry<String, String> v : values(p, rnd)) {
                out.add(Map.entry(p.name() + ": " + v.getKey(), name + "=" + v.getValue()));
            }
            out.add(Map.entry(p.name() + " given twice", name + "=1&" + name + "=2"));
        }
        out.add(Map.entry("no value", "fuzz_unknown"));
        out.add(Map.entry("bare ampersands", "&&&"));
        out.add(Map.entry("invalid UTF-8 in the query", "x=%FF%FE"));
        return out;
    }

    private static List<Map.Entry<String, String>> values(ApiOperation.Param p, Random rnd) {
        List<Map.Entry<String, String>> v = new ArrayList<>();
        v.add(Map.entry("NUL inside", "a%00b"));
        v.add(Map.entry("ESC", "%1B%5B31m"));
        v.add(Map.entry("2,000 characters", "x".repeat(2_000)));
        v.add(Map.entry("unicode", "%C3%A9t%C3%A9-%F0%9F%98%80"));
        v.add(Map.entry("empty", ""));
        v.add(Map.entry("bad percent-encoding", "%ZZ"));
        switch (p.name()) {
            case "limit":
                v.add(Map.entry("-1", "-1"));
                v.add(Map.entry("0", "0"));
                v.add(Map.entry("1001", "1001"));
                v.add(Map.entry("2^31", "2147483648"));
                v.add(Map.entry("not a number", "abc"));
                return v;
            case "marker":
                v.add(Map.entry("not a uuid", "not-a-uuid"));
                v.add(Map.entry("unknown uuid", new UUID(rnd.nextLong(), rnd.nextLong()).toString()));
                return v;
            case "sort_key":
                v.add(Map.entry("unknown key", "nope"));
                v.add(Map.entry("SQL", "name%3B%20drop%20table%20x"));
                v.add(Map.entry("HQL expression", "e.id"));
                return v;
            case "sort_dir":
                v.add(Map.entry("sideways", "sideways"));
                v.add(Map.entry("upper case", "ASC"));
                return v;
            default:
                break;
        }
        switch (p.type()) {
            case "integer":
            case "number":
                v.add(Map.entry("-1", "-1"));
                v.add(Map.entry("huge", "99999999999999999999999"));
                v.add(Map.entry("not a number", "abc"));
                v.add(Map.entry("fraction", "1.5"));
                break;
            case "boolean":
                v.add(Map.entry("not a boolean", "maybe"));
                v.add(Map.entry("2", "2"));
                break;
            default:
                v.add(Map.entry("not a uuid", "not-a-uuid"));
                v.add(Map.entry("SQL quote", "%27%20OR%20%271%27%3D%271"));
                v.add(Map.entry("LIKE wildcard", "%25"));
        }
        return v;
    }

    static String enc(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }
}
