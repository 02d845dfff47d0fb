package dev.stratus.image.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stratus.image.rest.ImageApiTest.create;
import static dev.stratus.image.rest.ImageApiTest.image;
import static dev.stratus.image.rest.ImageFileTest.awaitStatus;
import static dev.stratus.image.rest.ImageFileTest.chunkedUpload;
import static dev.stratus.image.rest.ImageFileTest.tempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's image-bytes quota stops an upload while it streams. */
@QuarkusTest
@TestProfile(ImageQuotaTest.TinyQuota.class)
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageQuotaTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member("quota-test"));
    }


    public static class TinyQuota implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("stratus.image.project-quota-bytes", "1M");
        }
    }

    @Test
    void uploadPastTheQuotaIsRefusedWhileStreaming() throws Exception {
        String id = create(image("over-quota"));
        assertEquals("413", chunkedUpload(id, 4));
        awaitStatus(id, "killed");
        assertTrue(tempFiles().isEmpty());
    }
}
