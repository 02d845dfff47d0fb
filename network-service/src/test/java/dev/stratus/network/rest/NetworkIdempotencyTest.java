package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** POST /v1/networks honours Idempotency-Key (platform's @Idempotent): one network per key, replayed responses. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class NetworkIdempotencyTest {
    private static final String TOKEN = TestTokens.member("networks-idem");

    @Test
    void tenParallelCreatesWithOneKeyMakeOneNetworkAndAnotherBodyIsAConflict() throws Exception {
        String body = "{\"name\":\"idem-net\",\"cidr\":\"10.77.0.0/24\"}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Response> responses = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> given().auth().oauth2(TOKEN).header("Idempotency-Key", "net-1")
                        .contentType(ContentType.JSON).body(body).post("/v1/networks"));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        responses.forEach(r -> assertEquals(201, r.statusCode(), r.asString()));
        String id = responses.get(0).path("id");
        responses.forEach(r -> {
            assertEquals(id, r.path("id"));
            assertEquals(responses.get(0).asString(), r.asString());
            assertEquals(responses.get(0).header("Location"), r.header("Location"));
        });
        List<String> named = given().auth().oauth2(TOKEN).get("/v1/networks").then().statusCode(200).extract()
                .path("networks.findAll { it.name == 'idem-net' }.id");
        assertEquals(List.of(id), named);

        given().auth().oauth2(TOKEN).header("Idempotency-Key", "net-1").contentType(ContentType.JSON)
                .body(body.replace("idem-net", "other-net")).post("/v1/networks").then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
    }
}
