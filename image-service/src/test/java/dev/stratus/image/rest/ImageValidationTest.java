package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageFileTest.contentFiles;
import static dev.stratus.image.rest.ImageFileTest.hex;
import static dev.stratus.image.rest.ImageFileTest.randomBytes;
import static dev.stratus.image.rest.ImageFileTest.tempFiles;
import static dev.stratus.image.rest.ImageFileTest.upload;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploaded data is checked with qemu-img before the image becomes active. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageValidationTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(Tokens.MEMBER);
    }


    @Test
    void qcow2IsAcceptedWithItsVirtualSize() throws Exception {
        byte[] disk = DiskFixtures.qcow2();
        String id = create(image("good-qcow2", "qcow2"));
        upload(id, disk).then().statusCode(200).body("status", equalTo("active"))
                .body("size", equalTo(disk.length)).body("virtual_size", equalTo(16 * 1024 * 1024));
    }

    @Test
    void declaredFormatMustMatchTheData() throws Exception {
        rejected(image("qcow2-as-raw", "raw"), DiskFixtures.qcow2(), "the data is qcow2");
        rejected(image("raw-as-qcow2", "qcow2"), randomBytes(70_000), "the data is raw");
        rejected(image("qcow2-as-vmdk", "vmdk"), DiskFixtures.qcow2(), "the data is qcow2");
        rejected(image("raw-as-iso", "iso"), new byte[64 * 1024], "ISO 9660");
        rejected(image("qcow2-as-kernel", "aki"), DiskFixtures.qcow2(), "the data is qcow2");
        String vmdk = create(image("vmdk", "vmdk"));
        upload(vmdk, DiskFixtures.vmdk()).then().statusCode(200).body("status", equalTo("active"));
        String iso = create(image("iso", "iso"));
        upload(iso, DiskFixtures.iso()).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void qcow2WithABackingFileIsRejected() throws Exception {
        DiskFixtures.scratch("secret.raw", "host secret".getBytes());
        byte[] disk = DiskFixtures.qcow2("-F", "raw", "-b", DiskFixtures.DIR.resolve("secret.raw").toString());
        rejected(image("backed", "qcow2"), disk, "backing file");
    }

    @Test
    void qcow2WithAnExternalDataFileIsRejected() throws Exception {
        byte[] disk = DiskFixtures.qcow2("-o", "data_file=" + DiskFixtures.DIR.resolve("data-" + System.nanoTime()
                + ".raw"));
        rejected(image("data-file", "qcow2"), disk, "external data file");
    }

    @Test
    void declaredChecksumsAreChecked() throws Exception {
        byte[] data = randomBytes(50_000);
        String ok = create(image("sum-ok", "raw"));
        given().contentType("application/octet-stream").header("X-Image-Sha256", hex("SHA-256", data))
                .header("X-Image-Md5", hex("MD5", data).toUpperCase()).body(data).put("/v1/images/" + ok + "/file")
                .then().statusCode(200).body("status", equalTo("active"));
        var before = contentFiles();
        String bad = create(image("sum-bad", "raw"));
        given().contentType("application/octet-stream").header("X-Image-Sha256", hex("SHA-256", new byte[1]))
                .body(randomBytes(50_000)).put("/v1/images/" + bad + "/file")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("sha256"));
        given().get("/v1/images/" + bad).then().body("status", equalTo("killed"));
        assertEquals(before, contentFiles());
        String malformed = create(image("sum-malformed", "raw"));
        given().contentType("application/octet-stream").header("X-Image-Md5", "xyz").body(data)
                .put("/v1/images/" + malformed + "/file").then().statusCode(400).body("field", equalTo("X-Image-Md5"));
    }

    private static void rejected(Map<String, Object> image, byte[] data, String reason) throws Exception {
        var before = contentFiles();
        String id = create(image);
        upload(id, data).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(reason));
        given().get("/v1/images/" + id).then().body("status", equalTo("killed")).body("size", equalTo(null));
        assertEquals(before, contentFiles(), "no bytes kept");
        assertTrue(tempFiles().isEmpty(), "no temporary file left");
    }

    static Map<String, Object> image(String name, String diskFormat) {
        return Map.of("name", name, "disk_format", diskFormat, "container_format", "bare");
    }
}
