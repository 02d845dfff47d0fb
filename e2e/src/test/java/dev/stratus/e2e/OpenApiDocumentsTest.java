package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The published specs in {@code openapi/} equal what the running services serve. After an intended API change,
 * regenerate them with {@code STRATUS_UPDATE_OPENAPI=1 ./stratus test -pl e2e} (or the whole suite).
 */
class OpenApiDocumentsTest {
    /** HTTP/1.1 with timeouts: a stalled h2c upgrade must fail the test, not hang the build. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @BeforeAll
    static void startStack() {
        Stack.up();
    }

    @ParameterizedTest
    @CsvSource({"api-service, 0", "scheduler-service, 1", "image-service, 3", "network-service, 4"})
    void publishedSpecMatchesTheRunningService(String service, int portOffset) throws Exception {
        int port = Stack.PORT_BASE + portOffset;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/q/openapi?format=json")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        JsonNode served = JSON.readTree(response.body());
        Path published = Stack.ROOT.resolve("openapi/" + service + ".json");
        if ("1".equals(System.getenv("STRATUS_UPDATE_OPENAPI"))) {
            Files.createDirectories(published.getParent());
            Files.writeString(published, JSON.writeValueAsString(JSON.treeToValue(served, Object.class)) + "\n");
        }
        assertTrue(Files.exists(published), published + " is missing: run with STRATUS_UPDATE_OPENAPI=1");
        assertEquals(JSON.readTree(Files.readString(published)), served,
                service + " serves an API that differs from " + published
                        + "; if the change is intended, regenerate with STRATUS_UPDATE_OPENAPI=1");
    }
}
