package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageApiTest.image;
import static dev.stratus.image.rest.ImageFileTest.awaitStatus;
import static dev.stratus.image.rest.ImageFileTest.contentFiles;
import static dev.stratus.image.rest.ImageFileTest.hex;
import static dev.stratus.image.rest.ImageFileTest.randomBytes;
import static dev.stratus.image.rest.ImageFileTest.tempFiles;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vert.x upload route: declared checksums, tokens and projects, Expect: 100-continue, a cut chunked body. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageUploadRouteTest {
    @BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }

    @Test
    void roundTripWithDeclaredChecksums() throws Exception {
        byte[] data = randomBytes(20 * 1024 * 1024 + 17);
        String id = create(image("declared"));
        given().contentType("application/octet-stream").header("X-Image-Sha256", hex("SHA-256", data))
                .header("X-Image-Md5", hex("MD5", data).toUpperCase()).body(data).put("/v1/images/" + id + "/file")
                .then().statusCode(200).contentType("application/json").body("status", equalTo("active"))
                .body("os_hash_value", equalTo(hex("SHA-256", data))).body("checksum", equalTo(hex("MD5", data)));
        assertArrayEquals(data, given().get("/v1/images/" + id + "/file").asByteArray());
    }

    @Test
    void wrongDeclaredChecksumKillsTheImage() throws Exception {
        byte[] data = randomBytes(100_000);
        List<java.nio.file.Path> before = contentFiles();
        String id = create(image("wrong-md5"));
        given().contentType("application/octet-stream").header("X-Image-Md5", hex("MD5", new byte[1]))
                .body(data).put("/v1/images/" + id + "/file")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("md5"));
        given().get("/v1/images/" + id).then().body("status", equalTo("killed"));
        assertEquals(before, contentFiles());
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void malformedDeclaredChecksumIs400AndTheImageStaysQueued() {
        String id = create(image("bad-header"));
        given().contentType("application/octet-stream").header("X-Image-Sha256", "abc").body(new byte[10])
                .put("/v1/images/" + id + "/file").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("X-Image-Sha256"));
        given().get("/v1/images/" + id).then().body("status", equalTo("queued"));
    }

    @Test
    void badTokensAre401AndOtherProjectsGet404() {
        String id = create(image("tokens"));
        for (String token : List.of(TestTokens.expired(Tokens.PROJECT), TestTokens.forged(Tokens.PROJECT),
                TestTokens.unknownKey(Tokens.PROJECT))) {
            given().auth().oauth2(token).contentType("application/octet-stream").body(new byte[10])
                    .put("/v1/images/" + id + "/file").then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"));
        }
        RestAssured.requestSpecification = null;
        given().contentType("application/octet-stream").body(new byte[10]).put("/v1/images/" + id + "/file")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString("token is required"));
        given().auth().oauth2(TestTokens.member("someone-else")).contentType("application/octet-stream")
                .body(new byte[10]).put("/v1/images/" + id + "/file").then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.member("someone-else")).contentType("application/octet-stream")
                .body(new byte[10]).put("/v1/images/not-a-uuid/file").then().statusCode(404);
        Tokens.use(Tokens.MEMBER);
        given().get("/v1/images/" + id).then().body("status", equalTo("queued"));
    }

    @Test
    void expectContinueIsAnsweredOnlyOnceTheUploadIsAccepted() throws Exception {
        String id = create(image("expect"));
        byte[] data = randomBytes(3000);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            out.write(("PUT /v1/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n" + Tokens.header()
                    + "Content-Type: application/octet-stream\r\nExpect: 100-continue\r\nContent-Length: "
                    + data.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("HTTP/1.1 100 Continue", in.readLine());
            in.readLine();
            out.write(data);
            out.flush();
            assertEquals("HTTP/1.1 200 OK", in.readLine());
        }
        given().get("/v1/images/" + id).then().body("status", equalTo("active")).body("size", equalTo(3000));

        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(("PUT /v1/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/octet-stream\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            assertEquals("HTTP/1.1 401 Unauthorized", status, "no 100 Continue without a token");
        }
    }

    @Test
    void chunkedBodyCutMidwayKillsTheImageAndLeavesNoBytes() throws Exception {
        String id = create(image("cut-chunked"));
        List<java.nio.file.Path> before = contentFiles();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v1/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n" + Tokens.header()
                    + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = randomBytes(1024 * 1024);
            for (int i = 0; i < 3; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("100000\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(chunk, 0, 1000);
            out.flush();
            awaitStatus(id, "saving");
        }
        awaitStatus(id, "killed");
        assertTrue(tempFiles().isEmpty(), "temporary files left: " + tempFiles());
        assertEquals(before, contentFiles());
    }
}
