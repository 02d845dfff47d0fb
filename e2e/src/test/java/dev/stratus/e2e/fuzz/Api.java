package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Well-formed calls for the fuzzer's own set-up and its before/after lists, through {@code java.net.http} (kept-alive
 * connections); a 429 is waited out (its Retry-After, at most 10 s) rather than returned.
 */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1: the JDK client's h2c upgrade can stall against Vert.x. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Status and body of an answer. */
    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        /** The body's {@code id}; fails unless the status is {@code expected}. */
        String id(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + body);
            }
            return json().path("id").asText();
        }
    }

    private Api() {
    }

    static Answer call(String method, String url, String token, String body) {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 429 && attempt < 20) {
                    long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
                    Thread.sleep(Math.min(10, Math.max(1, wait)) * 1000);
                    continue;
                }
                return new Answer(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + url + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
