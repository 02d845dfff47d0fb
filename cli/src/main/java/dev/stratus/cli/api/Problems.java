package dev.stratus.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.client.ApiException;

import java.util.Map;

/**
 * Turns what the API answered into the one line the user reads: {@code 409 Conflict: <the problem's detail>}, from
 * the {@code application/problem+json} body (RFC 9457) every native route answers on an error.
 */
public final class Problems {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(406, "Not Acceptable"),
            Map.entry(409, "Conflict"), Map.entry(410, "Gone"), Map.entry(412, "Precondition Failed"),
            Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(416, "Range Not Satisfiable"), Map.entry(422, "Unprocessable Content"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** {@code <status> <reason>: <detail>}, or why the API could not be reached. */
    public static String line(ApiException e, String url) {
        if (e.getCode() == 0) {
            return "cannot reach the API at " + url + ": " + cause(e);
        }
        return line(e.getCode(), e.getResponseBody());
    }

    /** The line for a status and the body that came with it. */
    public static String line(int status, String body) {
        String head = status + " " + REASONS.getOrDefault(status, "HTTP error");
        String detail = detail(body);
        return detail == null || detail.isBlank() ? head : head + ": " + detail;
    }

    /** The line for a status and a detail the CLI found itself (no such name...), in the API's words. */
    public static String of(int status, String detail) {
        return status + " " + REASONS.getOrDefault(status, "HTTP error") + ": " + detail;
    }

    /** The problem's {@code detail} (else its {@code title}), or the body's first line when it is not a problem. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem.isObject()) {
                String detail = problem.path("detail").asText("");
                return oneLine(detail.isBlank() ? problem.path("title").asText("") : detail);
            }
        } catch (java.io.IOException e) {
            // not JSON: the body's first line below
        }
        String first = body.strip().lines().findFirst().orElse("");
        return oneLine(first.length() > 200 ? first.substring(0, 200) + "..." : first);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : message + " (" + kind + ")";
    }
}
