package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * GET /v1/projects/{id}/quotas shows the networks and ports in use as network-service counts them, images and image
 * bytes as image-service does.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = NetworkUsageTest.NetworkServiceDouble.class, restrictToAnnotatedClass = true)
class NetworkUsageTest {
    /** Answers /internal/usage only to a token with the role service. */
    public static class NetworkServiceDouble implements QuarkusTestResourceLifecycleManager {
        private HttpDouble server;

        @Override
        public Map<String, String> start() {
            server = HttpDouble.serve(0, "/internal/usage", exchange -> {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String payload = auth == null ? "" : new String(Base64.getUrlDecoder().decode(auth.split("\\.")[1]),
                        StandardCharsets.UTF_8);
                int status = payload.contains("\"service\"") ? 200 : 403;
                String usage = "{\"networks\":2,\"ports\":5,\"floating_ips\":1,\"images\":3,\"image_bytes\":1024}";
                HttpDouble.reply(exchange, status, status == 200 ? usage : "{\"status\":403}");
            });
            // stands in for image-service's /internal/usage too (each service's usage keeps only its own quotas)
            String url = server.url();
            return Map.of("stratus.api.network-service-url", url, "stratus.api.image-service-url", url);
        }

        @Override
        public void stop() {
            server.stop();
        }
    }

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void networksAndPortsInUseComeFromNetworkService() {
        String admin = Login.token("admin");
        given().auth().oauth2(admin).get("/v1/projects/demo/quotas").then().statusCode(200)
                .body("networks.in_use", equalTo(2)).body("ports.in_use", equalTo(5))
                .body("floating_ips.in_use", equalTo(1)).body("floating_ips.limit", equalTo(10))
                .body("instances.in_use", equalTo(0)).body("images.in_use", equalTo(3))
                .body("image_bytes.in_use", equalTo(1024)).body("key_pairs.in_use", equalTo(0));
        given().auth().oauth2(Login.token("demo")).get("/v1/projects/demo/quotas").then().statusCode(200)
                .body("networks.in_use", equalTo(2));
    }
}
