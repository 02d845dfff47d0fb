package dev.stratus.agent.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.instance.QemuImg;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.PortBinding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The config drive as a guest reads it: the ISO is read back with {@code isoinfo}, nothing is mounted. */
public class ConfigDrivesTest {
    private static final String ID = "3f2c8a9e-1b7d-4c52-9e0f-6a1d2b3c4d5e";
    private static final String SCRIPT = "#cloud-config\nruncmd:\n  - [touch, /tmp/from-user-data]\n";
    private static final PortBinding PORT = new PortBinding("5f0a6c1e-1111-2222-3333-444455556666", "net-1",
            "fa:16:3e:00:00:01", "10.0.0.5", "10.0.0.0/24", "10.0.0.1", "10.0.0.2", 1450);

    @TempDir
    Path stateDir;
    private InstanceFiles files;
    private ConfigDrives drives;

    @BeforeEach
    void setUp() {
        files = new InstanceFiles(stateDir.resolve("instances"), new QemuImg());
        drives = new ConfigDrives(files, new IsoImage());
        files.createDirectory(ID);
    }

    @Test
    void theDriveIsAConfig2IsoWithTheOpenStackFilesUnderTheirOwnNames() throws Exception {
        Path drive = drives.converge(placement(identity("web-1", SCRIPT, true)));

        assertEquals(files.directory(ID).resolve("disk.config"), drive);
        String description = isoinfo("-d", "-i", drive.toString());
        assertTrue(description.contains("Volume id: config-2"), description);
        assertTrue(description.contains("Rock Ridge signatures version"), "Rock Ridge: " + description);
        assertTrue(description.contains("Joliet with UCS level"), "Joliet: " + description);
        List<String> rockRidge = isoinfo("-f", "-R", "-i", drive.toString()).lines().toList();
        for (String file : List.of("meta_data.json", "network_data.json", "vendor_data.json", "user_data")) {
            assertTrue(rockRidge.contains("/openstack/latest/" + file), file + " in " + rockRidge);
        }
        assertTrue(isoinfo("-f", "-J", "-i", drive.toString()).lines().toList()
                .contains("/openstack/latest/meta_data.json"), "Joliet names keep their case and underscores");

        assertEquals(SCRIPT, isoinfo("-R", "-x", "/openstack/latest/user_data", "-i", drive.toString()));
        JsonNode meta = new ObjectMapper().readTree(isoinfo("-R", "-x", "/openstack/latest/meta_data.json", "-i",
                drive.toString()));
        assertEquals(ID, meta.path("uuid").asText());
        assertEquals("web-1", meta.path("hostname").asText());
        assertEquals("ssh-ed25519 AAAAC3Nza ci@example", meta.path("public_keys").path("ci").asText());
        assertEquals("web", meta.path("meta").path("role").asText());
        JsonNode network = new ObjectMapper().readTree(isoinfo("-R", "-x", "/openstack/latest/network_data.json",
                "-i", drive.toString()));
        assertEquals("fa:16:3e:00:00:01", network.path("links").get(0).path("ethernet_mac_address").asText());
        assertEquals("10.0.0.5", network.path("networks").get(0).path("ip_address").asText());
        assertFalse(Files.exists(files.directory(ID).resolve("disk.config.d")), "no staging files left");
        assertFalse(Files.exists(files.directory(ID).resolve("disk.config.part")));
    }

    @Test
    void anUnchangedDriveIsKeptAndAChangedOneIsBuiltAgain() throws Exception {
        Path drive = drives.converge(placement(identity("web-1", SCRIPT, true)));
        Object first = Files.readAttributes(drive, BasicFileAttributes.class).fileKey();

        drives.converge(placement(identity("web-1", SCRIPT, true)));
        assertEquals(first, Files.readAttributes(drive, BasicFileAttributes.class).fileKey(), "kept as it is");

        drives.converge(placement(identity("web-2", null, true)));
        assertNotEquals(first, Files.readAttributes(drive, BasicFileAttributes.class).fileKey(), "built again");
        assertTrue(isoinfo("-R", "-x", "/openstack/latest/meta_data.json", "-i", drive.toString())
                .contains("\"web-2\""));
        assertFalse(isoinfo("-f", "-R", "-i", drive.toString()).contains("user_data"), "no user-data, no file");
    }

    @Test
    void anInstanceWithoutADriveHasNoneAndTheDriveGoesWithTheInstance() {
        Path drive = drives.converge(placement(identity("web-1", SCRIPT, true)));
        assertTrue(Files.exists(drive));

        assertNull(drives.converge(placement(identity("web-1", SCRIPT, false))));
        assertFalse(Files.exists(drive), "a drive no longer wanted is deleted");
        assertNull(drives.converge(new InstancePlaced("e", 1, ID, "p", "legacy", "h", null, null, null,
                Instant.now(), List.of())), "a placement from before identities has no drive");

        drives.converge(placement(identity("web-1", SCRIPT, true)));
        files.remove(ID);
        assertFalse(Files.exists(drive));
    }

    private static GuestIdentity identity(String hostname, String userData, boolean configDrive) {
        return new GuestIdentity(hostname, "ci", "ssh-ed25519 AAAAC3Nza ci@example", userData == null ? null
                : Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)),
                Map.of("role", "web"), configDrive);
    }

    private static InstancePlaced placement(GuestIdentity identity) {
        return new InstancePlaced("e-1", InstancePlaced.VERSION, ID, "project-1", "Web 1", "host-1", null,
                new FlavorSpec("f", "m1.tiny", 1, 128, 1, null), new ImageRef("img", null, null), Instant.now(),
                List.of(PORT), identity);
    }

    public static String isoinfo(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("isoinfo"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            fail(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
