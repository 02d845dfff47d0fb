package dev.stratus.e2e.fuzz;

import dev.stratus.e2e.fuzz.FuzzCase.Category;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a run saw: counts per service and per category, every failure, every malformed request answered 2xx. */
final class FuzzResults {
    /**
     * One request as sent and answered ({@code status} -1: no answer): {@code response} is an excerpt for the
     * report, {@code answer} the whole body.
     */
    record Sent(FuzzCase fuzzCase, String target, int status, String response, String answer, long millis) {
        String describe() {
            return fuzzCase.operation().method() + " " + FuzzCase.abbreviate(FuzzCase.printable(target), 160)
                    + " [" + fuzzCase.category().title + ": " + fuzzCase.label() + "; " + fuzzCase.caller()
                    + " token" + (fuzzCase.contentType() == null ? "" : "; " + fuzzCase.contentType())
                    + (fuzzCase.headers().isEmpty() ? "" : "; headers " + fuzzCase.headers().keySet()) + "]"
                    + (fuzzCase.body() == null ? "" : " body " + fuzzCase.bodyExcerpt(100));
        }
    }

    /** A failure: its kind, the request (or requests) to blame, what was wrong. */
    record Failure(Outcome.Kind kind, String route, String detail, List<Sent> requests) {
    }

    /** Counts of one row of the report. */
    static final class Counts {
        int requests;
        int ok;
        int clientErrors;
        int serverErrors;
        int other;
        int failures;
        int rateLimited;

        void add(int status) {
            requests++;
            if (status >= 200 && status < 300) {
                ok++;
            } else if (status >= 400 && status < 500) {
                clientErrors++;
                if (status == 429) {
                    rateLimited++;
                }
            } else if (status >= 500) {
                serverErrors++;
            } else {
                other++;
            }
        }
    }

    final Map<String, Counts> perService = new LinkedHashMap<>();
    final Map<Category, Counts> perCategory = new EnumMap<>(Category.class);
    final Map<String, Integer> operationsPerService = new LinkedHashMap<>();
    final List<Failure> failures = new ArrayList<>();
    final List<Sent> accepted = new ArrayList<>();
    final Map<Integer, Integer> statuses = new TreeMap<>();
    int snapshots;
    long snapshotMillis;
    long requestMillis;
    /** One line per request sent, in order: what it was and what came back. */
    final List<String> log = new ArrayList<>();

    /** Counts the request; a failure (null: none) with what was wrong. */
    void record(Sent sent, Outcome.Kind failure, String detail) {
        requestMillis += sent.millis();
        log.add(sent.status() + " " + sent.millis() + "ms " + sent.describe() + (failure == null ? "" : " FAILURE "
                + failure + ": " + detail) + "\n    -> " + sent.response());
        String service = sent.fuzzCase().operation().service();
        perService.computeIfAbsent(service, s -> new Counts()).add(sent.status());
        perCategory.computeIfAbsent(sent.fuzzCase().category(), c -> new Counts()).add(sent.status());
        statuses.merge(sent.status(), 1, Integer::sum);
        if (sent.status() >= 200 && sent.status() < 300) {
            accepted.add(sent);
        }
        if (failure != null) {
            fail(failure, sent.fuzzCase().operation().method() + " " + sent.fuzzCase().operation().path(), detail,
                    List.of(sent));
        }
    }

    void fail(Outcome.Kind kind, String route, String detail, List<Sent> requests) {
        failures.add(new Failure(kind, route, detail, List.copyOf(requests)));
        for (Sent s : requests.isEmpty() ? List.<Sent>of() : List.of(requests.get(0))) {
            perService.computeIfAbsent(s.fuzzCase().operation().service(), x -> new Counts()).failures++;
            perCategory.computeIfAbsent(s.fuzzCase().category(), x -> new Counts()).failures++;
        }
    }

    int requests() {
        return perService.values().stream().mapToInt(c -> c.requests).sum();
    }

    int serverErrors() {
        return perService.values().stream().mapToInt(c -> c.serverErrors).sum();
    }
}
