package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One request to {@code STRATUS_URL}, its answer checked against {@code openapi/stratus.yaml}
 * ({@link ContractDocument#check}) before the test looks at it:
 * {@code ContractCall.to(doc, "POST", "/v1/key-pairs").token(t).json(body).expect(201)}.
 */
final class ContractCall {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    private final ContractDocument document;
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;

    private ContractCall(ContractDocument document, String method, String path) {
        this.document = document;
        this.method = method;
        this.path = path;
    }

    static ContractCall to(ContractDocument document, String method, String path) {
        return new ContractCall(document, method, path);
    }

    ContractCall token(String token) {
        return header("Authorization", "Bearer " + token);
    }

    ContractCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    ContractCall json(Object value) {
        try {
            return body("application/json", JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ContractCall body(String contentType, byte[] bytes) {
        headers.put("Content-Type", contentType);
        body = bytes;
        return this;
    }

    ContractCall body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the request, checks the answer against the document, and requires {@code status}. */
    HttpResponse<byte[]> send(int status) {
        HttpResponse<byte[]> response = send();
        assertEquals(status, response.statusCode(), () -> method + " " + path + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
        return response;
    }

    /** Sends the request and checks the answer against the document, whatever its status. */
    HttpResponse<byte[]> send() {
        URI uri = URI.create(Stack.url() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            document.check(method, uri, response);
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #send(int)}, the body as JSON. */
    JsonNode expect(int status) {
        HttpResponse<byte[]> response = send(status);
        try {
            return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
