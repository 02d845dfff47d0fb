package dev.stratus.api.keypair;

import dev.stratus.platform.problem.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checked against the real ssh-keygen: its keys parse with its fingerprints, our generated key loads in it. */
class OpenSshKeysTest {
    @Test
    void keysMadeBySshKeygenParseWithTheSameFingerprint() throws Exception {
        for (String[] spec : List.of(new String[]{"ed25519", "256"}, new String[]{"rsa", "2048"},
                new String[]{"ecdsa", "256"}, new String[]{"ecdsa", "384"}, new String[]{"ecdsa", "521"})) {
            Path dir = Files.createTempDirectory("keys");
            Path key = dir.resolve("id");
            run("ssh-keygen", "-q", "-t", spec[0], "-b", spec[1], "-N", "", "-C", "me@host", "-f", key.toString());
            String line = Files.readString(dir.resolve("id.pub")).strip();
            OpenSshKeys.PublicKey parsed = OpenSshKeys.parse(line);
            String expected = run("ssh-keygen", "-l", "-E", "sha256", "-f", dir.resolve("id.pub").toString())
                    .split(" ")[1];
            assertEquals(expected, parsed.fingerprint(), line);
            assertTrue(line.startsWith(parsed.line()), line);
        }
    }

    @Test
    void aGeneratedKeyLoadsInSshKeygen() throws Exception {
        OpenSshKeys.Generated generated = OpenSshKeys.generateEd25519("ci");
        Path dir = Files.createTempDirectory("keys");
        Path key = dir.resolve("id");
        Files.writeString(key, generated.privateKey());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        String derived = run("ssh-keygen", "-y", "-f", key.toString()).strip();
        assertTrue(derived.startsWith(generated.publicKey().line()), derived);
        assertEquals(generated.publicKey().fingerprint(), OpenSshKeys.parse(derived).fingerprint());
    }

    @Test
    void badKeysAre400sNamingPublicKey() {
        String ed = OpenSshKeys.generateEd25519("x").publicKey().line();
        String data = ed.split(" ")[1];
        for (String bad : List.of("", "ssh-ed25519", "ssh-ed25519 !!!", "ssh-rsa " + data, "ssh-dss " + data,
                "ssh-ed25519 " + data.substring(0, data.length() - 8),
                "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(
                        concat(java.util.Base64.getDecoder().decode(data), new byte[]{0, 0, 0, 0})))) {
            ApiException e = assertThrows(ApiException.class, () -> OpenSshKeys.parse(bad), bad);
            assertEquals("public_key", e.toProblem().field(), bad);
            assertEquals(400, e.toProblem().status());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
