package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
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

/** POST /v1/images honours Idempotency-Key (platform's @Idempotent): one image per key, replayed responses. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageIdempotencyTest {
    private static final String PROJECT = "images-idem";

    @BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member(PROJECT));
    }

    @Test
    void tenParallelCreatesWithOneKeyMakeOneImageAndAnotherBodyIsAConflict() throws Exception {
        String body = "{\"name\":\"idem-image\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Response> responses = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(() -> given().header("Idempotency-Key", "img-1").contentType(ContentType.JSON).body(body)
                        .post("/v1/images"));
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
        given().get("/v1/images?name=idem-image").then().statusCode(200).body("images.size()", equalTo(1));

        given().header("Idempotency-Key", "img-1").contentType(ContentType.JSON)
                .body(body.replace("idem-image", "other-image")).post("/v1/images").then().statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        // keys are per project
        Tokens.use(TestTokens.member("images-idem-other"));
        given().header("Idempotency-Key", "img-1")
                .contentType(ContentType.JSON).body(body).post("/v1/images").then().statusCode(201);
    }
}
