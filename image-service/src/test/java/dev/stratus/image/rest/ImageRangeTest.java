package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageApiTest.image;
import static dev.stratus.image.rest.ImageFileTest.randomBytes;
import static dev.stratus.image.rest.ImageFileTest.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** {@code GET .../file} with a {@code Range}: 206 with the bytes asked for, 416 when none exist. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageRangeTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }


    @Test
    void rangesReturnThoseBytes() {
        byte[] data = randomBytes(1_000_000);
        String id = create(image("ranges"));
        upload(id, data).then().statusCode(200);

        assertRange(id, "bytes=0-99", data, 0, 100);
        assertRange(id, "bytes=999900-", data, 999_900, 1_000_000);
        assertRange(id, "bytes=-10", data, 999_990, 1_000_000);
        assertRange(id, "bytes=500000-2000000", data, 500_000, 1_000_000);

        Response whole = given().header("Range", "bytes=0-1,5-6").get("/v1/images/" + id + "/file");
        whole.then().statusCode(200).header("Accept-Ranges", "bytes");
        assertArrayEquals(data, whole.asByteArray());

        given().header("Range", "bytes=1000000-").get("/v1/images/" + id + "/file").then().statusCode(416)
                .header("Content-Range", "bytes */1000000");
    }

    private static void assertRange(String id, String range, byte[] data, int from, int to) {
        Response r = given().header("Range", range).get("/v1/images/" + id + "/file");
        r.then().statusCode(206).header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + data.length)
                .header("Content-Length", String.valueOf(to - from));
        assertArrayEquals(Arrays.copyOfRange(data, from, to), r.asByteArray());
    }
}
