package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageApiTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }


    static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/images")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> image(String name) {
        return Map.of("name", name, "disk_format", "raw", "container_format", "bare");
    }

    @Test
    void createReturnsQueuedImageWithAllFields() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "cirros", "disk_format", "raw", "container_format", "bare", "min_disk", 1,
                        "min_ram", 64, "properties", Map.of("os_distro", "cirros")))
                .post("/v1/images")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("id", notNullValue())
                .body("name", equalTo("cirros"))
                .body("status", equalTo("queued"))
                .body("disk_format", equalTo("raw"))
                .body("container_format", equalTo("bare"))
                .body("min_disk", equalTo(1))
                .body("min_ram", equalTo(64))
                .body("size", nullValue())
                .body("os_hash_algo", equalTo("sha256"))
                .body("os_hash_value", nullValue())
                .body("checksum", nullValue())
                .body("visibility", equalTo("private"))
                .body("properties.os_distro", equalTo("cirros"))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue());
    }

    @Test
    void getAndListByName() {
        String name = "list-" + UUID.randomUUID();
        String id = create(image(name));
        create(image("other-" + UUID.randomUUID()));
        given().get("/v1/images/" + id).then().statusCode(200).body("id", equalTo(id)).body("name", equalTo(name));
        given().queryParam("name", name).get("/v1/images").then().statusCode(200)
                .body("images.size()", equalTo(1)).body("images[0].id", equalTo(id));
        given().get("/v1/images").then().statusCode(200).body("images.id", hasItem(id));
    }

    @Test
    void unknownImageIsProblem404() {
        given().get("/v1/images/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/v1/images/not-a-uuid").then().statusCode(404).contentType("application/problem+json");
        given().delete("/v1/images/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badInputNamesTheField() {
        badRequest(Map.of("disk_format", "qcow2", "container_format", "bare"), "name");
        badRequest(Map.of("name", " ", "disk_format", "qcow2", "container_format", "bare"), "name");
        badRequest(Map.of("name", "x", "disk_format", "vhdx", "container_format", "bare"), "disk_format");
        badRequest(Map.of("name", "x", "container_format", "bare"), "disk_format");
        badRequest(Map.of("name", "x", "disk_format", "raw", "container_format", "ovf"), "container_format");
        badRequest(Map.of("name", "x", "disk_format", "raw", "container_format", "bare", "visibility", "community"),
                "visibility");
        badRequest(Map.of("name", "x", "disk_format", "raw", "container_format", "bare", "min_disk", -1), "min_disk");
        badRequest(Map.of("name", "x", "disk_format", "raw", "container_format", "bare", "min_ram", -5), "min_ram");
        badRequest(Map.of("name", "x", "disk_format", "raw", "container_format", "bare",
                "properties", Map.of("kernel_id", UUID.randomUUID().toString())), "properties.kernel_id");
        badRequest(Map.of("name", "x", "disk_format", "raw", "container_format", "bare",
                "properties", Map.of("ramdisk_id", "nope")), "properties.ramdisk_id");
        given().get("/v1/images").then().body("images.name", everyItem(org.hamcrest.Matchers.not(equalTo("x"))));
    }

    @Test
    void wronglyTypedOrMalformedJsonIs400Problem() {
        given().contentType(ContentType.JSON).body("{\"name\": ").post("/v1/images")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"disk_format\":\"raw\",\"container_format\":\"bare\",\"min_disk\":\"big\"}")
                .post("/v1/images")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json").body("field", equalTo("min_disk"));
    }

    @Test
    void kernelAndRamdiskMayNameExistingImages() {
        Tokens.use(dev.stratus.devinfra.TestTokens.admin(Tokens.PROJECT)); // public images are an admin's
        String kernel = create(Map.of("name", "k", "disk_format", "aki", "container_format", "aki"));
        String ramdisk = create(Map.of("name", "r", "disk_format", "ari", "container_format", "ari"));
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "ami", "disk_format", "raw", "container_format", "ami", "visibility", "public",
                        "properties", Map.of("kernel_id", kernel, "ramdisk_id", ramdisk)))
                .post("/v1/images")
                .then().statusCode(201)
                .body("visibility", equalTo("public"))
                .body("properties.kernel_id", equalTo(kernel))
                .body("properties.ramdisk_id", equalTo(ramdisk));
    }

    @Test
    void deleteQueuedImage() {
        String id = create(image("gone"));
        given().delete("/v1/images/" + id).then().statusCode(204);
        given().get("/v1/images/" + id).then().statusCode(404);
    }

    private static void badRequest(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/v1/images")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("field", equalTo(field))
                .body("detail", startsWith(field.replace("properties.", "")));
    }
}
