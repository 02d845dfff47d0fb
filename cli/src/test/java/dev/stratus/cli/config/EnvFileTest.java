package dev.stratus.cli.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvFileTest {
    @Test
    void readsShellStyleAssignments() {
        Map<String, String> values = EnvFile.parse("""
                # a comment
                export STRATUS_URL=http://localhost:8080
                STRATUS_TOKEN="abc.def"
                STRATUS_PASSWORD='p w'

                not an assignment
                """);
        assertEquals(Map.of("STRATUS_URL", "http://localhost:8080", "STRATUS_TOKEN", "abc.def",
                "STRATUS_PASSWORD", "p w"), values);
    }

    @Test
    void writesWhatItReads(@TempDir Path dir) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("STRATUS_URL", "http://cloud.example");
        values.put("STRATUS_USER", "a user");
        ConfigFile file = new ConfigFile(dir.resolve("sub/config"));
        file.write(values);
        assertEquals(values, file.read());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
    }

    @Test
    void jwtExpiry() {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"sub\":\"u\",\"exp\":1700000000}".getBytes());
        String token = "eyJhbGciOiJSUzI1NiJ9." + payload + ".sig";
        assertEquals(Instant.ofEpochSecond(1700000000), Jwt.expiry(token).orElseThrow());
        assertTrue(Jwt.expired(token, Instant.ofEpochSecond(1700000000 - 10)), "30 s of margin");
        assertFalse(Jwt.expired(token, Instant.ofEpochSecond(1700000000 - 60)));
        assertFalse(Jwt.expired("opaque-token", Instant.now()), "not a JWT: the API decides");
    }
}
