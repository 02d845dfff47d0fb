package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.e2e.Stack;
import dev.stratus.e2e.fuzz.FuzzCase.Caller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a plan, operation by operation, and judges every answer ({@link Outcome}); around each operation's batch it
 * lists what its service holds ({@link ListSnapshot}) and fails on any difference a request answered 4xx must have
 * made. A malformed request answered 2xx is recorded as accepted; what it created is deleted again, the lists are
 * read at once and the changes its own ids explain are let through, the others are failures.
 */
final class FuzzRun {
    /** A uuid, with or without its dashes (project and user ids have none). */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    private static final Map<String, Integer> PORT_OFFSETS = Map.of("api-service", 0, "scheduler-service", 1,
            "image-service", 3, "network-service", 4);

    private final FuzzPlan plan;
    private final Fixtures fixtures;
    private final FuzzResults results = new FuzzResults();
    /** Lists found unreadable (reported once). */
    private final Set<String> unreadable = new HashSet<>();

    FuzzRun(FuzzPlan plan, Fixtures fixtures) {
        this.plan = plan;
        this.fixtures = fixtures;
    }

    FuzzResults run() {
        Map<String, List<ApiOperation>> byService = new LinkedHashMap<>();
        plan.cases().keySet().forEach(op -> byService.computeIfAbsent(op.service(), s -> new ArrayList<>()).add(op));
        for (Map.Entry<String, List<ApiOperation>> service : byService.entrySet()) {
            long start = System.nanoTime();
            List<ListSnapshot.Spec> scope = ListSnapshot.scope(service.getKey());
            ListSnapshot baseline = snapshot(scope, null);
            results.operationsPerService.put(service.getKey(), service.getValue().size());
            for (ApiOperation op : service.getValue()) {
                baseline = fuzz(op, scope, baseline);
            }
            FuzzResults.Counts counts = results.perService.get(service.getKey());
            System.out.printf("fuzz: %s: %d requests in %d ms, %d failures so far%n", service.getKey(),
                    counts == null ? 0 : counts.requests, (System.nanoTime() - start) / 1_000_000,
                    results.failures.size());
        }
        return results;
    }

    /**
     * One operation's requests. Changes to objects a 2xx request of the batch touched are let through until the
     * batch ends (what it set off may show a little later: a router's gateway port, a snapshot's image).
     */
    private ListSnapshot fuzz(ApiOperation op, List<ListSnapshot.Spec> scope, ListSnapshot baseline) {
        List<FuzzResults.Sent> refused = new ArrayList<>(); // since the last snapshot (and GETs answered 2xx)
        Set<String> explained = new HashSet<>();
        for (FuzzCase c : plan.cases().get(op)) {
            FuzzResults.Sent sent = send(c);
            if (sent.status() >= 200 && sent.status() < 300 && !op.method().equals("GET")) {
                Set<String> touched = touched(sent);
                cleanUp(c, sent, touched);
                explained.addAll(touched);
                ListSnapshot after = snapshot(scope, sent);
                List<ListSnapshot.Change> unexplained = after.changesSince(baseline).stream()
                        .filter(change -> !change.concernsAny(explained)).toList();
                if (!unexplained.isEmpty()) {
                    List<FuzzResults.Sent> suspects = new ArrayList<>(refused);
                    suspects.add(sent);
                    results.fail(Outcome.Kind.LEFT_BEHIND, op.method() + " " + op.path(), describe(unexplained)
                            + " (made by one of these requests: the last was answered " + sent.status() + ")",
                            suspects);
                }
                baseline = after;
                refused.clear();
            } else {
                refused.add(sent);
            }
        }
        ListSnapshot after = snapshot(scope, refused.isEmpty() ? null : refused.get(refused.size() - 1));
        List<ListSnapshot.Change> changes = after.changesSince(baseline).stream()
                .filter(change -> !change.concernsAny(explained)).toList();
        if (!changes.isEmpty() && !refused.isEmpty()) {
            results.fail(Outcome.Kind.LEFT_BEHIND, op.method() + " " + op.path(), describe(changes)
                    + " (after " + refused.size() + " refused requests or reads)", refused);
        }
        return after;
    }

    private static String describe(List<ListSnapshot.Change> changes) {
        return changes.stream().limit(5).map(ListSnapshot.Change::toString).reduce((a, b) -> a + "; " + b).orElse("")
                + (changes.size() > 5 ? "; and " + (changes.size() - 5) + " more" : "");
    }

    /** The lists now; a list that cannot be read is a failure (once), and is left out of the comparisons. */
    private ListSnapshot snapshot(List<ListSnapshot.Spec> scope, FuzzResults.Sent lastSent) {
        long start = System.nanoTime();
        results.snapshots++;
        ListSnapshot taken = ListSnapshot.take(fixtures, scope);
        taken.unreadable().forEach((list, why) -> {
            if (unreadable.add(list)) {
                results.fail(Outcome.Kind.LEFT_BEHIND, "the list " + list, "cannot be read any more: " + why,
                        lastSent == null ? List.of() : List.of(lastSent));
            }
        });
        results.snapshotMillis += (System.nanoTime() - start) / 1_000_000;
        return taken;
    }

    FuzzResults.Sent send(FuzzCase c) {
        ApiOperation op = c.operation();
        String target = fixtures.resolve(op, c.path(fixtures::real) + (c.query() == null ? "" : "?" + c.query()));
        Map<String, String> headers = new LinkedHashMap<>();
        String token = fixtures.token(c.caller());
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (c.contentType() != null) {
            headers.put("Content-Type", c.contentType());
        }
        c.headers().forEach((k, v) -> headers.put(k, fixtures.resolve(op, v)));
        byte[] body = c.body() == null ? null : fixtures.resolve(op, new String(c.body(),
                StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        int port = Stack.PORT_BASE + (c.target() == FuzzCase.Target.EDGE ? 0 : PORT_OFFSETS.get(op.service()));
        long start = System.nanoTime();
        try {
            RawHttp.Response response = RawHttp.send(port, op.method(), target, headers, body);
            FuzzResults.Sent sent = new FuzzResults.Sent(c, target, response.status(), excerpt(response),
                    response.text(), (System.nanoTime() - start) / 1_000_000);
            Outcome.Kind failure = Outcome.judge(response).orElse(null);
            results.record(sent, failure, failure == Outcome.Kind.NOT_PROBLEM ? Outcome.problemDefect(response)
                    : failure == null ? null : "answered " + response.status());
            return sent;
        } catch (IOException e) {
            FuzzResults.Sent sent = new FuzzResults.Sent(c, target, -1, e.toString(), "",
                    (System.nanoTime() - start) / 1_000_000);
            results.record(sent, Outcome.Kind.NO_ANSWER, e.toString());
            return sent;
        }
    }

    private static String excerpt(RawHttp.Response response) {
        return response.status() + " " + response.contentType() + " "
                + FuzzCase.abbreviate(FuzzCase.printable(response.text()), 300);
    }

    /**
     * The objects a 2xx request may have changed: those its path names and the one its answer made (its
     * {@code id}, a snapshot's {@code image_id}, a router interface's {@code port_id}).
     */
    private static Set<String> touched(FuzzResults.Sent sent) {
        Set<String> ids = new HashSet<>();
        Matcher path = UUID.matcher(sent.target());
        while (path.find()) {
            ids.add(path.group().toLowerCase());
        }
        try {
            JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.answer());
            for (String field : List.of("id", "image_id", "port_id")) {
                if (answer != null && answer.path(field).isTextual()) {
                    ids.add(answer.path(field).asText());
                }
            }
        } catch (IOException e) {
            // no JSON answer: only the path's ids
        }
        return ids;
    }

    /**
     * Deletes what a malformed request answered 2xx created (a create's {@code id}, a snapshot's
     * {@code image_id}), with the same token.
     */
    private void cleanUp(FuzzCase c, FuzzResults.Sent sent, Set<String> touched) {
        ApiOperation op = c.operation();
        if (!op.method().equals("POST")) {
            return;
        }
        JsonNode created;
        try {
            created = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.answer());
        } catch (IOException e) {
            return; // no JSON answer: nothing to read an id from
        }
        if (created == null) {
            return;
        }
        String token = fixtures.token(c.caller() == Caller.NONE ? Caller.MEMBER : c.caller());
        if (!op.path().contains("{") && created.hasNonNull("id")) {
            Api.call("DELETE", Stack.url() + op.path() + "/" + created.path("id").asText(), token, null);
            touched.add(created.path("id").asText());
        } else if (op.path().endsWith("/actions/snapshot") && created.hasNonNull("image_id")) {
            Api.call("DELETE", Stack.url() + "/v1/images/" + created.path("image_id").asText(), token, null);
            touched.add(created.path("image_id").asText());
        }
    }
}
