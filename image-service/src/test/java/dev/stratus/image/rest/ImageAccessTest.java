package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** Images are scoped by the token's project: owner, public, shared with members; admins publish. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageAccessTest {
    static final String A = TestTokens.member("access-a");
    static final String B = TestTokens.member("access-b");
    static final String C = TestTokens.member("access-c");
    static final String READER_A = TestTokens.reader("access-a");
    static final String ADMIN = TestTokens.admin("admin");

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void anotherProjectsPrivateImageIsNotFound() {
        String id = create(A, "private");
        as(A).get("/v1/images/" + id).then().statusCode(200).body("owner", equalTo("access-a"));
        as(B).get("/v1/images/" + id).then().statusCode(404);
        as(B).get("/v1/images").then().statusCode(200).body("images.id", not(hasItem(id)));
        as(B).contentType("application/merge-patch+json").body("{\"name\":\"x\"}").patch("/v1/images/" + id)
                .then().statusCode(404);
        as(B).delete("/v1/images/" + id).then().statusCode(404);
        as(B).contentType("application/octet-stream").body(new byte[10]).put("/v1/images/" + id + "/file")
                .then().statusCode(404);
        as(ADMIN).get("/v1/images/" + id).then().statusCode(200);
        given().get("/v1/images/" + id).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void readersReadButCannotWrite() {
        String id = create(A, "read-only");
        as(READER_A).get("/v1/images/" + id).then().statusCode(200);
        as(READER_A).contentType(ContentType.JSON).body(Map.of("name", "r", "disk_format", "raw",
                "container_format", "bare")).post("/v1/images").then().statusCode(403);
        as(READER_A).contentType("application/merge-patch+json").body("{\"name\":\"x\"}").patch("/v1/images/" + id)
                .then().statusCode(403);
        as(READER_A).contentType("application/octet-stream").body(new byte[10]).put("/v1/images/" + id + "/file")
                .then().statusCode(403);
        as(READER_A).delete("/v1/images/" + id).then().statusCode(403);
    }

    @Test
    void onlyAdminsPublishAndOthersSeeButDoNotChangePublicImages() {
        as(A).contentType(ContentType.JSON).body(Map.of("name", "pub", "disk_format", "raw", "container_format",
                "bare", "visibility", "public")).post("/v1/images").then().statusCode(403)
                .body("field", equalTo("visibility"));
        String id = create(A, "to-publish");
        as(A).contentType("application/merge-patch+json").body("{\"visibility\":\"public\"}")
                .patch("/v1/images/" + id).then().statusCode(403);
        as(ADMIN).contentType("application/merge-patch+json").body("{\"visibility\":\"public\"}")
                .patch("/v1/images/" + id).then().statusCode(200).body("visibility", equalTo("public"));
        as(B).get("/v1/images/" + id).then().statusCode(200);
        as(B).delete("/v1/images/" + id).then().statusCode(403);
    }

    @Test
    void sharedImagesAreVisibleToTheirMembersOnly() {
        String id = create(A, "shared");
        as(A).contentType(ContentType.JSON).body(Map.of("member", "access-b")).post("/v1/images/" + id + "/members")
                .then().statusCode(409);
        as(A).contentType("application/merge-patch+json").body("{\"visibility\":\"shared\"}")
                .patch("/v1/images/" + id).then().statusCode(200);
        as(A).contentType(ContentType.JSON).body(Map.of("member", "access-b")).post("/v1/images/" + id + "/members")
                .then().statusCode(200).body("member", equalTo("access-b"));
        as(A).get("/v1/images/" + id + "/members").then().statusCode(200).body("members.member", hasItem("access-b"));
        as(B).get("/v1/images/" + id).then().statusCode(200);
        as(B).get("/v1/images").then().body("images.id", hasItem(id));
        as(B).get("/v1/images/" + id + "/members").then().statusCode(403);
        as(C).get("/v1/images/" + id).then().statusCode(404);
        as(A).delete("/v1/images/" + id + "/members/access-b").then().statusCode(204);
        as(B).get("/v1/images/" + id).then().statusCode(404);
    }

    @Test
    void aServiceUploadsTheDataOfAnyQueuedImage() {
        String id = create(A, "snapshot-target");
        as(TestTokens.service()).contentType("application/octet-stream").body(new byte[4096])
                .put("/v1/images/" + id + "/file").then().statusCode(200).body("status", equalTo("active"));
        as(A).get("/v1/images/" + id).then().body("owner", equalTo("access-a")).body("size", equalTo(4096));
    }

    private static String create(String token, String name) {
        return as(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "disk_format", "raw", "container_format", "bare"))
                .post("/v1/images").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }
}
