package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageApiTest.image;
import static dev.stratus.image.rest.ImageFileTest.awaitStatus;
import static dev.stratus.image.rest.ImageFileTest.chunkedUpload;
import static dev.stratus.image.rest.ImageFileTest.randomBytes;
import static dev.stratus.image.rest.ImageFileTest.tempFiles;
import static dev.stratus.image.rest.ImageFileTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The images and image_bytes quotas with limits read from api-service (here {@link ApiServiceDouble}: 3 images for
 * {@code quota-images-*} projects, 1 MiB for {@code quota-bytes-*}): 10 parallel creates make exactly 3, the others
 * are 409 problems naming {@code images}; an upload past image_bytes is a 413; deletes free usage;
 * {@code GET /internal/usage} is for services only.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = true)
class ImageServiceQuotaTest {
    static final String SERVICE = TestTokens.service();

    @AfterEach
    void defaultToken() {
        Tokens.use(Tokens.MEMBER);
    }

    /** Every following request of the test sends {@code token} (one token at a time: headers are not replaced). */
    private static io.restassured.specification.RequestSpecification as(String token) {
        Tokens.use(token);
        return given();
    }

    @Test
    void aLimitOfMinusOneIsUnlimited() {
        Tokens.use(TestTokens.member("unlimited-images"));
        for (int i = 0; i <= ApiServiceDouble.IMAGES; i++) {
            given().contentType(ContentType.JSON).body(image("free-" + i)).post("/v1/images").then().statusCode(201);
        }
    }

    @Test
    void tenParallelCreatesAgainstALimitOfThree() throws Exception {
        String member = TestTokens.member("quota-images-a");
        int readsBefore = ApiServiceDouble.QUOTA_READS.get();
        Tokens.use(member);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Response> responses = new ArrayList<>();
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> given().contentType(ContentType.JSON).body(image("race"))
                        .post("/v1/images")));
            }
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        List<Response> refused = responses.stream().filter(r -> r.statusCode() == 409).toList();
        List<Integer> statuses = responses.stream().map(Response::statusCode).toList();
        assertEquals(ApiServiceDouble.IMAGES, created.size(), "exactly the limit was created: " + statuses);
        assertEquals(7, refused.size(), "the others were refused: " + statuses);
        for (Response r : refused) {
            assertEquals("application/problem+json", r.contentType());
            assertEquals("images", r.path("field"));
            assertTrue(r.<String>path("detail").contains("images"), r.asString());
        }
        assertTrue(ApiServiceDouble.QUOTA_READS.get() - readsBefore >= 10, "every create read the limit");
        as(SERVICE).get("/internal/usage?project=quota-images-a")
                .then().statusCode(200).body("images", equalTo(3)).body("image_bytes", equalTo(0));

        as(member).delete("/v1/images/" + created.get(0).path("id")).then().statusCode(204);
        as(SERVICE).get("/internal/usage?project=quota-images-a")
                .then().body("images", equalTo(2));
        Tokens.use(member);
        create(image("again"));
        given().contentType(ContentType.JSON).body(image("over")).post("/v1/images").then().statusCode(409)
                .body("field", equalTo("images")).body("detail", containsString("images"));
    }

    @Test
    void imageBytesLimitFromApiServiceRefusesAnUpload() throws Exception {
        String member = TestTokens.member("quota-bytes-a");
        Tokens.use(member);
        String first = create(image("fits"));
        upload(first, randomBytes(600 * 1024)).then().statusCode(200);
        as(SERVICE).get("/internal/usage?project=quota-bytes-a")
                .then().statusCode(200).body("images", equalTo(1)).body("image_bytes", equalTo(600 * 1024));

        Tokens.use(member);
        String second = create(image("over"));
        assertEquals("413", chunkedUpload(second, 1)); // 600 KiB of 1 MiB held
        awaitStatus(second, "killed");
        assertTrue(tempFiles().isEmpty());

        given().delete("/v1/images/" + first).then().statusCode(204); // frees its bytes
        String fourth = create(image("fits-again"));
        upload(fourth, randomBytes(900 * 1024)).then().statusCode(200);
    }

    @Test
    void usageIsForServicesOnly() {
        as(TestTokens.member("quota-images-b"))
                .get("/internal/usage?project=quota-images-b").then().statusCode(403);
        as(TestTokens.admin("quota-images-b"))
                .get("/internal/usage?project=quota-images-b").then().statusCode(403);
        as(SERVICE).get("/internal/usage").then().statusCode(400)
                .body("field", equalTo("project"));
    }
}
