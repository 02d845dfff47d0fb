package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.e2e.fuzz.FuzzCase.Caller;
import dev.stratus.e2e.fuzz.FuzzCase.Category;
import dev.stratus.e2e.fuzz.FuzzCase.Target;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Every malformed request the fuzzer could send to one operation, split into the essential ones (one of each kind,
 * always sent) and the others (sampled by the plan). Which token each carries follows the route: none for the public
 * ones, an admin's for the admin routes, a service's for {@code /internal/*}, else a project member's.
 */
final class CaseCatalog {
    /** Routes anyone may call. */
    static final Set<String> PUBLIC = Set.of("POST /v1/auth/tokens", "GET /v1/auth/keys");
    /** Routes only cloud administrators may call. */
    static final List<String> ADMIN_PREFIXES = List.of("/v1/projects", "/v1/users", "/v1/admin/", "/v1/scheduler/");
    static final String JSON = "application/json";

    /** The candidates of one operation. */
    record Candidates(List<FuzzCase> essential, List<FuzzCase> others) {
    }

    private CaseCatalog() {
    }

    static Caller callerOf(ApiOperation op) {
        if (Boolean.TRUE.equals(op.declaredPublic()) || PUBLIC.contains(op.method() + " " + op.path())) {
            return Caller.NONE;
        }
        if (op.path().startsWith("/internal/")) {
            return Caller.SERVICE;
        }
        return ADMIN_PREFIXES.stream().anyMatch(op.path()::startsWith) ? Caller.ADMIN : Caller.MEMBER;
    }

    /** The public URL for the public routes; the service's own port for internal ones and the scheduler's. */
    static Target targetOf(ApiOperation op) {
        return op.path().startsWith("/internal/") || op.service().equals("scheduler-service") ? Target.OWN
                : Target.EDGE;
    }

    static Candidates of(ApiOperation op, Random rnd) {
        Builder b = new Builder(op);
        ObjectNode base = op.hasJsonBody() ? BaseBodies.of(op, rnd) : null;
        byte[] good = base == null ? (op.hasBody() ? "fuzz".getBytes(StandardCharsets.US_ASCII) : null)
                : BodyCases.text(base).getBytes(StandardCharsets.US_ASCII);
        String goodType = op.hasBody() ? op.bodyType().replace("*/*", "application/octet-stream") : null;
        boolean reads = op.method().equals("GET");
        if (op.hasJsonBody()) {
            Set<Category> seen = EnumSet.noneOf(Category.class);
            for (BodyCases.Body body : BodyCases.of(op, base)) {
                b.add(seen.add(body.category()) || body.label().endsWith(": NUL inside"), body.category(),
                        body.label(), Map.of(), null, Map.of(), JSON, body.bytes());
            }
            contentTypes(b, base, good);
            b.add(true, Category.ACCEPT, "Accept: application/xml", Map.of(), null,
                    Map.of("Accept", "application/xml"), JSON, good);
            b.add(false, Category.ACCEPT, "Accept: text/html", Map.of(), null, Map.of("Accept", "text/html"), JSON,
                    good);
        } else if (op.hasBody() && !op.path().contains("/actions/")) { // a real action would run: bad ids only
            b.add(true, Category.CONTENT_TYPE, "application/json instead of " + goodType, Map.of(), null, Map.of(),
                    JSON, "{}".getBytes(StandardCharsets.US_ASCII));
            b.add(false, Category.CONTENT_TYPE, "no Content-Type", Map.of(), null, Map.of(), null, good);
        }
        // parameters: only bad values are sent where the route changes or deletes something, never a real id alone
        boolean member = callerOf(op) == Caller.MEMBER;
        for (ApiOperation.Param p : op.params("path")) {
            boolean first = true;
            for (Map.Entry<String, String> v : PathCases.of(op, p.name(), member, rnd)) {
                if (actsWithoutBody(op) && UNSAFE_PATH_VALUES.contains(v.getKey())) {
                    continue;
                }
                b.add(first || v.getKey().startsWith("another project") || v.getKey().startsWith("2,000"),
                        Category.PATH, p.name() + ": " + v.getKey(), Map.of(p.name(), v.getValue()), null, Map.of(),
                        goodType, good);
                first = false;
            }
        }
        if (reads) {
            boolean first = true;
            for (Map.Entry<String, String> q : QueryCases.of(op, rnd)) {
                b.add(first || q.getKey().endsWith(": NUL"), Category.QUERY, q.getKey(), Map.of(), q.getValue(),
                        Map.of(), null, null);
                first = false;
            }
            b.add(true, Category.ACCEPT, "Accept: text/html", Map.of(), null, Map.of("Accept", "text/html"), null,
                    null);
            b.add(false, Category.ACCEPT, "Accept: application/xml", Map.of(), null,
                    Map.of("Accept", "application/xml"), null, null);
        }
        for (ApiOperation.Param h : op.params("header")) {
            if (h.name().equalsIgnoreCase("Content-Length") || (!reads && !op.hasJsonBody() && !op.hasBody())) {
                continue;
            }
            boolean first = true;
            for (Map.Entry<String, String> v : headerValues(h.name()).entrySet()) {
                b.add(first, Category.HEADER, h.name() + ": " + v.getKey(), Map.of(), null, Map.of(h.name(),
                        v.getValue()), goodType, good);
                first = false;
            }
        }
        roles(b, op, goodType, good);
        return new Candidates(b.essential, b.others);
    }

    private static void contentTypes(Builder b, ObjectNode base, byte[] good) {
        b.add(true, Category.CONTENT_TYPE, "text/plain", Map.of(), null, Map.of(), "text/plain", good);
        b.add(true, Category.CONTENT_TYPE, "no Content-Type", Map.of(), null, Map.of(), null, good);
        String form = base.properties().stream().filter(e -> e.getValue().isValueNode())
                .map(e -> QueryCases.enc(e.getKey()) + "=" + QueryCases.enc(e.getValue().asText()))
                .reduce((x, y) -> x + "&" + y).orElse("a=b");
        b.add(false, Category.CONTENT_TYPE, "form", Map.of(), null, Map.of(), "application/x-www-form-urlencoded",
                form.getBytes(StandardCharsets.UTF_8));
        b.add(false, Category.CONTENT_TYPE, "application/xml", Map.of(), null, Map.of(), "application/xml",
                "<body><name>fuzz</name></body>".getBytes(StandardCharsets.US_ASCII));
        b.add(false, Category.CONTENT_TYPE, "JSON labelled UTF-16", Map.of(), null, Map.of(),
                "application/json; charset=utf-16", good);
        b.add(false, Category.CONTENT_TYPE, "multipart without parts", Map.of(), null, Map.of(),
                "multipart/form-data; boundary=fuzz", "--fuzz--\r\n".getBytes(StandardCharsets.US_ASCII));
        b.add(false, Category.CONTENT_TYPE, "malformed media type", Map.of(), null, Map.of(), "application/",
                good);
    }

    private static Map<String, String> headerValues(String name) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("1,000 characters", "k".repeat(1_000));
        v.put("empty", "");
        v.put("raw UTF-8", "cl\u00e9-\ud83d\ude00");
        v.put("percent-encoded NUL", "%00");
        if (name.equalsIgnoreCase("Range")) {
            v.put("not bytes", "items=0-1");
            v.put("reversed", "bytes=5-1");
            v.put("huge", "bytes=99999999999999999999-");
            v.put("garbage", "bytes=abc");
        }
        return v;
    }

    /** A token the route refuses: a member's on admin and internal routes, none on internal ones. */
    private static void roles(Builder b, ApiOperation op, String type, byte[] good) {
        Caller caller = callerOf(op);
        if (caller == Caller.ADMIN || caller == Caller.SERVICE) {
            b.addAs(Caller.MEMBER, Category.ROLE, "a project member's token", type, good);
        }
        if (caller == Caller.SERVICE) {
            b.addAs(Caller.NONE, Category.ROLE, "no token", type, good);
        }
    }

    /**
     * Path values that, on a DELETE or a body-less action, would reach a real object: ids are read
     * case-insensitively, and {@code ..} (also encoded, {@code %2E%2E}) is resolved before routing, so that
     * {@code DELETE /v1/images/{real}/members/..} deletes the image itself.
     */
    static final Set<String> UNSAFE_PATH_VALUES = Set.of("uuid in upper case", "..", "encoded ..",
            "empty segment");

    /** A DELETE or an action without a JSON body: sent with real ids, it would do what it does. */
    static boolean actsWithoutBody(ApiOperation op) {
        return !op.method().equals("GET") && !op.hasJsonBody();
    }

    private static final class Builder {
        final ApiOperation op;
        final List<FuzzCase> essential = new ArrayList<>();
        final List<FuzzCase> others = new ArrayList<>();

        Builder(ApiOperation op) {
            this.op = op;
        }

        void add(boolean isEssential, Category category, String label, Map<String, String> path, String query,
                Map<String, String> headers, String contentType, byte[] body) {
            if (unsafe(category, path)) {
                return;
            }
            (isEssential ? essential : others).add(new FuzzCase(op, category, label, callerOf(op), targetOf(op), path,
                    query, headers, contentType, body));
        }

        void addAs(Caller caller, Category category, String label, String contentType, byte[] body) {
            if (unsafe(category, Map.of())) {
                return;
            }
            essential.add(new FuzzCase(op, category, label, caller, targetOf(op), Map.of(), null, Map.of(),
                    contentType, body));
        }

        /**
         * A case that would act on the real objects with a body or parameters it did not break: a DELETE or a
         * body-less action (reboot, deactivate, rotate keys) with only real ids. Those get bad path values only.
         */
        private boolean unsafe(Category category, Map<String, String> path) {
            return actsWithoutBody(op) && path.isEmpty() && category != Category.CONTENT_TYPE
                    && category != Category.ROLE;
        }
    }
}
