package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageApiTest.image;
import static dev.stratus.image.rest.ImageFileTest.randomBytes;
import static dev.stratus.image.rest.ImageFileTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** PATCH (JSON merge patch), tags, protection, deactivation. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageMetadataTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }


    @Test
    void mergePatchChangesMetadata() {
        String id = create(Map.of("name", "before", "disk_format", "raw", "container_format", "bare",
                "properties", Map.of("os_distro", "debian", "hw_disk_bus", "virtio")));
        patch(id, "{\"name\":\"after\",\"min_ram\":128,\"tags\":[\"a\",\"b\",\"a\"],"
                + "\"properties\":{\"os_distro\":\"alpine\",\"hw_disk_bus\":null},\"disk_format\":\"qcow2\"}")
                .then().statusCode(200).body("name", equalTo("after")).body("min_ram", equalTo(128))
                .body("tags", contains("a", "b")).body("properties.os_distro", equalTo("alpine"))
                .body("properties", not(hasKey("hw_disk_bus"))).body("disk_format", equalTo("qcow2"));
        given().get("/v1/images/" + id).then().body("name", equalTo("after")).body("tags", contains("a", "b"));
    }

    @Test
    void patchRefusesReadOnlyAndBadFields() {
        String id = create(image("patch-bad"));
        patch(id, "{\"status\":\"active\"}").then().statusCode(400).body("field", equalTo("status"));
        patch(id, "{\"size\":1}").then().statusCode(400).body("field", equalTo("size"));
        patch(id, "{\"min_disk\":-1}").then().statusCode(400).body("field", equalTo("min_disk"));
        patch(id, "{\"colour\":\"red\"}").then().statusCode(400).body("field", equalTo("colour"));
        patch(id, "{\"properties\":{\"kernel_id\":\"nope\"}}").then().statusCode(400)
                .body("field", equalTo("properties.kernel_id"));
        patch(id, "[]").then().statusCode(400);
        upload(id, randomBytes(100)).then().statusCode(200);
        patch(id, "{\"disk_format\":\"qcow2\"}").then().statusCode(409);
        given().get("/v1/images/" + id).then().body("name", equalTo("patch-bad")).body("disk_format", equalTo("raw"));
    }

    @Test
    void tagsAddAndRemoveOneByOne() {
        String id = create(Map.of("name", "tagged", "disk_format", "raw", "container_format", "bare",
                "tags", List.of("base")));
        given().put("/v1/images/" + id + "/tags/ci").then().statusCode(200).body("tags", contains("base", "ci"));
        given().put("/v1/images/" + id + "/tags/ci").then().statusCode(200).body("tags", contains("base", "ci"));
        given().delete("/v1/images/" + id + "/tags/base").then().statusCode(200).body("tags", contains("ci"));
    }

    @Test
    void protectedImageCannotBeDeleted() {
        String id = create(Map.of("name", "precious", "disk_format", "raw", "container_format", "bare",
                "protected", true));
        given().get("/v1/images/" + id).then().body("protected", equalTo(true));
        given().delete("/v1/images/" + id).then().statusCode(409).contentType("application/problem+json");
        patch(id, "{\"protected\":false}").then().statusCode(200).body("protected", equalTo(false));
        given().delete("/v1/images/" + id).then().statusCode(204);
    }

    @Test
    void deactivatedImageHasNoDownloadUntilReactivated() {
        String id = create(image("switch"));
        given().post("/v1/images/" + id + "/actions/deactivate").then().statusCode(409);
        upload(id, randomBytes(1000)).then().statusCode(200);
        given().post("/v1/images/" + id + "/actions/deactivate").then().statusCode(200)
                .body("status", equalTo("deactivated"));
        given().get("/v1/images/" + id + "/file").then().statusCode(409);
        given().post("/v1/images/" + id + "/actions/reactivate").then().statusCode(200)
                .body("status", equalTo("active"));
        given().get("/v1/images/" + id + "/file").then().statusCode(200);
    }

    private static io.restassured.response.Response patch(String id, String body) {
        return given().contentType("application/merge-patch+json").body(body).patch("/v1/images/" + id);
    }
}
