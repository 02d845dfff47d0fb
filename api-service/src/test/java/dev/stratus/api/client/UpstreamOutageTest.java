package dev.stratus.api.client;

import com.sun.net.httpserver.HttpExchange;
import dev.stratus.api.Login;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The typed clients' one mapping, seen from the API: image-service or network-service down (stopped, or answering
 * 5xx) is a 503 problem with {@code Retry-After}; their 4xx keep the meaning they had (an unknown image is a 400 on
 * {@code image}, an unknown port a 400 on {@code networks}, a port quota's 409 stays a 409). Both services are one
 * small local HTTP server ({@link Upstreams}), which a test can make answer 503 or stop.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UpstreamOutageTest.Upstreams.class, restrictToAnnotatedClass = true)
class UpstreamOutageTest {
    static final String IMAGE_ID = "3f1e2d00-1a1e-4c63-9a55-3f0f8a7b2c44";
    static final String UNKNOWN_ID = "9a9a9a9a-1a1e-4c63-9a55-3f0f8a7b2c55";

    /** image-service and network-service in one: an active image, no networks, ports as {@link #portAnswer}. */
    public static class Upstreams implements QuarkusTestResourceLifecycleManager {
        static volatile dev.stratus.api.HttpDouble server;
        static volatile int port;
        /** When set, every /v1/images* answer: status and Retry-After. */
        static volatile int imageFailure;
        /** The answer to POST /v1/ports, GET /v1/ports/{id}: status and body. */
        static volatile int portStatus = 404;
        static volatile String portBody = "{\"status\":404,\"detail\":\"port not found\"}";
        static final AtomicInteger IMAGE_GETS = new AtomicInteger();
        static final AtomicInteger PORT_POSTS = new AtomicInteger();

        @Override
        public Map<String, String> start() {
            serve(0);
            String url = "http://localhost:" + port;
            return Map.of("stratus.api.image-service-url", url, "stratus.api.network-service-url", url,
                    // the tests here fail on purpose more often than a breaker allows; the breaker is not under test
                    "dev.stratus.api.client.ImageServiceClient/CircuitBreaker/requestVolumeThreshold", "1000",
                    "dev.stratus.api.client.NetworkServiceClient/CircuitBreaker/requestVolumeThreshold", "1000");
        }

        static void serve(int onPort) {
            server = dev.stratus.api.HttpDouble.serve(onPort, "/", Upstreams::handle);
            port = server.port();
        }

        private static void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.startsWith("/v1/images")) {
                IMAGE_GETS.incrementAndGet();
                if (imageFailure != 0) {
                    exchange.getResponseHeaders().add("Retry-After", "7");
                    reply(exchange, imageFailure, "{\"status\":" + imageFailure + ",\"detail\":\"its database is down\"}");
                } else if (path.equals("/v1/images/" + IMAGE_ID)) {
                    reply(exchange, 200, "{\"id\":\"" + IMAGE_ID + "\",\"name\":\"img\",\"status\":\"active\","
                            + "\"properties\":{}}");
                } else if (path.equals("/v1/images")) {
                    reply(exchange, 200, "{\"images\":[]}");
                } else {
                    reply(exchange, 404, "{\"status\":404}");
                }
            } else if (path.equals("/v1/networks")) {
                reply(exchange, 200, "{\"networks\":[]}");
            } else if (path.startsWith("/v1/ports")) {
                if ("POST".equals(method)) {
                    PORT_POSTS.incrementAndGet();
                }
                reply(exchange, portStatus, portBody);
            } else {
                reply(exchange, 404, "{\"status\":404}");
            }
        }

        private static void reply(HttpExchange exchange, int status, String body) throws IOException {
            dev.stratus.api.HttpDouble.reply(exchange, status, body);
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    @BeforeEach
    void reset() {
        Login.as("demo");
        Upstreams.imageFailure = 0;
        Upstreams.portStatus = 404;
        Upstreams.portBody = "{\"status\":404,\"detail\":\"port not found\"}";
        Upstreams.IMAGE_GETS.set(0);
        Upstreams.PORT_POSTS.set(0);
    }

    @AfterEach
    void serving() {
        if (Upstreams.server == null) {
            Upstreams.serve(Upstreams.port);
        }
    }

    private static String create(String image, String networks) {
        return "{\"name\":\"s-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"flavor\":\"m1.tiny\",\"image\":\""
                + image + "\"" + (networks == null ? "" : ",\"networks\":" + networks) + "}";
    }

    @Test
    void anImageServiceAnswering5xxIsA503ProblemWithItsRetryAfterAfterTwoRetries() {
        Upstreams.imageFailure = 503;

        given().contentType(ContentType.JSON).body(create(IMAGE_ID, null)).post("/v1/servers").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", "7")
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"))
                .body("detail", containsString("image-service answered 503: its database is down"));
        assertEquals(3, Upstreams.IMAGE_GETS.get(), "a GET is tried three times");
    }

    @Test
    void aStoppedImageServiceIsA503ProblemWithRetryAfter() {
        Upstreams.server.stop();
        Upstreams.server = null;

        given().contentType(ContentType.JSON).body(create(IMAGE_ID, null)).post("/v1/servers").then()
                .statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("status", equalTo(503)).body("detail", containsString("image-service is unreachable"));
    }

    @Test
    void anImageImageServiceDoesNotKnowIsStillA400OnImage() {
        given().contentType(ContentType.JSON).body(create(UNKNOWN_ID, null)).post("/v1/servers").then()
                .statusCode(400).contentType("application/problem+json").body("field", equalTo("image"))
                .body("detail", containsString("does not exist"));
    }

    @Test
    void aPortNetworkServiceDoesNotKnowIsStillA400OnNetworks() {
        given().contentType(ContentType.JSON).body(create(IMAGE_ID, "[{\"port\":\"" + UNKNOWN_ID + "\"}]"))
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("networks"))
                .body("detail", containsString("the network or port does not exist or cannot take a port: port not"
                        + " found"));
    }

    @Test
    void aPortQuotaConflictStaysA409WithItsField() {
        Upstreams.portStatus = 409;
        Upstreams.portBody = "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"ports quota of 5 reached\","
                + "\"field\":\"ports\"}";

        given().contentType(ContentType.JSON).body(create(IMAGE_ID, "[{\"network\":\"" + UNKNOWN_ID + "\"}]"))
                .post("/v1/servers").then().statusCode(409).body("field", equalTo("ports"))
                .body("detail", equalTo("ports quota of 5 reached"));
    }

    @Test
    void aNetworkServiceAnswering5xxForANewPortIsA503AndThePortIsNotAskedTwice() {
        Upstreams.portStatus = 500;
        Upstreams.portBody = "{\"status\":500}";

        given().contentType(ContentType.JSON).body(create(IMAGE_ID, "[{\"network\":\"" + UNKNOWN_ID + "\"}]"))
                .post("/v1/servers").then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("detail", containsString("network-service answered 500"));
        assertEquals(1, Upstreams.PORT_POSTS.get(), "a POST is not retried");
    }
}
