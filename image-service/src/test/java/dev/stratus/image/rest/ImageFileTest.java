package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageApiTest.image;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageFileTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }

    static final Path STORE = Path.of("target/image-store");
    static final Random RANDOM = new Random();

    @Test
    void uploadThenDownloadSameBytes() throws Exception {
        byte[] data = randomBytes(5 * 1024 * 1024 + 123);
        String id = create(image("upload"));

        upload(id, data).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("size", equalTo(data.length))
                .body("os_hash_algo", equalTo("sha256"))
                .body("os_hash_value", equalTo(hex("SHA-256", data)))
                .body("checksum", equalTo(hex("MD5", data)));
        given().get("/v1/images/" + id).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("size", equalTo(data.length))
                .body("os_hash_value", equalTo(hex("SHA-256", data)));

        Response download = given().get("/v1/images/" + id + "/file");
        download.then().statusCode(200).contentType("application/octet-stream")
                .header("Content-Length", String.valueOf(data.length));
        assertArrayEquals(data, download.asByteArray());
        given().head("/v1/images/" + id + "/file").then().statusCode(200)
                .header("Content-Length", String.valueOf(data.length));
        assertTrue(Files.exists(contentPath(data)));
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void uploadTwiceIsConflict() {
        String id = create(image("twice"));
        upload(id, randomBytes(1000)).then().statusCode(200);
        upload(id, randomBytes(1000)).then().statusCode(409).contentType("application/problem+json");
        given().get("/v1/images/" + id).then().body("size", equalTo(1000));
    }

    @Test
    void uploadToUnknownImageIs404() {
        upload("3f2a1d6e-0000-4000-8000-000000000000", randomBytes(10)).then().statusCode(404);
    }

    @Test
    void downloadBeforeUploadIsConflict() {
        String id = create(image("empty"));
        given().get("/v1/images/" + id + "/file").then().statusCode(409).contentType("application/problem+json");
        given().head("/v1/images/" + id + "/file").then().statusCode(409);
    }

    @Test
    void identicalDataIsStoredOnceAndRemovedWithItsLastImage() throws Exception {
        byte[] data = randomBytes(300_000);
        String first = create(image("dedupe-1"));
        String second = create(image("dedupe-2"));
        upload(first, data).then().statusCode(200);
        upload(second, data).then().statusCode(200).body("os_hash_value", equalTo(hex("SHA-256", data)));
        String sha = hex("SHA-256", data);
        assertEquals(1, contentFiles().stream().filter(p -> p.getFileName().toString().equals(sha)).count());

        given().delete("/v1/images/" + first).then().statusCode(204);
        assertTrue(Files.exists(contentPath(data)), "still used by the second image");
        assertArrayEquals(data, given().get("/v1/images/" + second + "/file").asByteArray());
        given().delete("/v1/images/" + second).then().statusCode(204);
        assertFalse(Files.exists(contentPath(data)));
    }

    @Test
    void deleteRemovesTheFile() throws Exception {
        byte[] data = randomBytes(10_000);
        String id = create(image("delete"));
        upload(id, data).then().statusCode(200);
        assertTrue(Files.exists(contentPath(data)));
        given().delete("/v1/images/" + id).then().statusCode(204);
        assertFalse(Files.exists(contentPath(data)));
        given().get("/v1/images/" + id + "/file").then().statusCode(404);
    }

    @Test
    void clientClosingMidUploadKillsTheImageAndLeavesNoFile() throws Exception {
        String id = create(image("aborted"));
        List<Path> before = contentFiles();
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v1/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n"
                    + Tokens.header() + "Content-Type: application/octet-stream\r\nContent-Length: 20000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(randomBytes(2 * 1024 * 1024));
            out.flush();
            awaitStatus(id, "saving");
        }
        awaitStatus(id, "killed");
        assertTrue(tempFiles().isEmpty(), "temporary files left: " + tempFiles());
        assertEquals(before, contentFiles());
        upload(id, randomBytes(10)).then().statusCode(409);
    }

    @Test
    void tooLargeUploadIsRefused() throws Exception {
        String declared = create(image("too-large-declared"));
        upload(declared, new byte[33 * 1024 * 1024]).then().statusCode(413).contentType("application/problem+json");
        given().get("/v1/images/" + declared).then().body("status", equalTo("queued"));

        String streamed = create(image("too-large-chunked"));
        assertEquals("413", chunkedUpload(streamed, 33));
        awaitStatus(streamed, "killed");
        assertTrue(tempFiles().isEmpty());
    }

    @Test
    void wrongContentTypeIs415() {
        String id = create(image("json-body"));
        given().contentType("application/json").body("{}").put("/v1/images/" + id + "/file")
                .then().statusCode(415).contentType("application/problem+json");
    }

    /** PUTs {@code megabytes} MiB with chunked encoding (no Content-Length); returns the response's status code. */
    static String chunkedUpload(String id, int megabytes) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v1/images/" + id + "/file HTTP/1.1\r\nHost: localhost\r\n"
                    + Tokens.header() + "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = randomBytes(1024 * 1024);
            try {
                for (int i = 0; i < megabytes; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedMidway) {
                // the server answered and closed before the whole body was sent
            }
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return statusLine.split(" ")[1];
        }
    }

    static Response upload(String id, byte[] data) {
        return given().contentType("application/octet-stream").body(data).put("/v1/images/" + id + "/file");
    }

    static void awaitStatus(String id, String status) throws InterruptedException {
        String current = null;
        for (int i = 0; i < 100; i++) {
            current = given().get("/v1/images/" + id).path("status");
            if (status.equals(current)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("image " + id + " is " + current + ", expected " + status);
    }

    static byte[] randomBytes(int n) {
        byte[] data = new byte[n];
        RANDOM.nextBytes(data);
        return data;
    }

    static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    static Path contentPath(byte[] data) throws Exception {
        String sha = hex("SHA-256", data);
        return STORE.resolve(sha.substring(0, 2)).resolve(sha);
    }

    static List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(STORE.resolve("tmp"))) {
            return files.toList();
        }
    }

    static List<Path> contentFiles() throws IOException {
        try (Stream<Path> files = Files.walk(STORE)) {
            return files.filter(Files::isRegularFile).filter(p -> !p.getParent().endsWith("tmp")).sorted().toList();
        }
    }
}
