package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code stratus} CLI driven as a user drives it ({@code ./stratus server create ... --wait}, real processes,
 * stdout and stderr captured), built on the generated Java client, against the whole stack: a server's life with
 * --wait, tables and JSON parsed, an image upload with its progress in a file and the download checked byte for byte,
 * and the documented exit codes (1 API error with the problem's detail, 2 usage, 3 a --wait that timed out).
 */
class CliE2ETest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> servers = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        Stack.up();
    }

    @AfterAll
    static void cleanUp() {
        for (String id : servers) {
            Cli.run("server", "delete", id, "--wait", "--timeout", "2m");
        }
    }

    private static Cli.Run ok(String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(0, run.exit(), () -> "stratus " + String.join(" ", args) + ": " + run);
        return run;
    }

    private static JsonNode json(Cli.Run run) {
        try {
            return JSON.readTree(run.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + run, e);
        }
    }

    @Test
    void aServersLifeWithWaitTablesAndJson() {
        Cli.Run flavors = ok("flavor", "list");
        assertTrue(Cli.table(flavors.out()).stream().anyMatch(r -> r.get("NAME").equals("m1.tiny")), flavors.out());

        ok("network", "create", "cli-e2e-servers");
        ok("subnet", "create", "cli-e2e-servers", "--network", "cli-e2e-servers", "--cidr", "10.92.0.0/24");
        Cli.Run created = ok("server", "create", "cli-e2e-1", "--flavor", "m1.tiny", "--image", "stratus-tiny",
                "--network", "cli-e2e-servers", "--wait", "-o", "json");
        JsonNode server = json(created);
        String id = server.path("id").asText();
        servers.add(id);
        assertEquals("ACTIVE", server.path("status").asText(), created.toString());
        // the state changes as they happened, on stderr, BUILDING first and ACTIVE last
        List<String> states = created.err().lines().filter(l -> l.startsWith("server cli-e2e-1: ")).toList();
        assertTrue(states.size() >= 2, created.toString());
        assertTrue(states.get(0).startsWith("server cli-e2e-1: BUILDING"), created.toString());
        assertTrue(states.get(states.size() - 1).startsWith("server cli-e2e-1: ACTIVE ("), created.toString());

        // the guest prints its marker on the serial console a few seconds after the domain starts, then watches
        // its ACPI power button (a stop before that would wait for the host's grace period)
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            String console = ok("server", "console", id).out();
            return console.contains("STRATUS-GUEST-UP " + id) && console.contains("STRATUS-ACPI-READY");
        });

        Cli.Run table = ok("server", "list");
        Map<String, String> row = Cli.table(table.out()).stream().filter(r -> r.get("ID").equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(table.toString()));
        assertEquals("cli-e2e-1", row.get("NAME"));
        assertEquals("ACTIVE", row.get("STATUS"));
        assertEquals("m1.tiny", row.get("FLAVOR"));
        assertTrue(row.get("ADDRESSES").matches("cli-e2e-servers=10\\.92\\.0\\.\\d+"), table.out());

        JsonNode list = json(ok("server", "list", "-o", "json", "--name", "cli-e2e-1"));
        assertEquals(1, list.size());
        assertEquals(id, list.get(0).path("id").asText());
        assertEquals("ACTIVE", ok("server", "show", "cli-e2e-1", "-o", "value", "-c", "status").out().strip());
        assertEquals(id + "\n", ok("server", "list", "--quiet", "--name", "cli-e2e-1").out());

        Cli.Run stopped = ok("server", "stop", "cli-e2e-1", "--wait", "-o", "value", "-c", "status");
        assertEquals("STOPPED", stopped.out().strip(), stopped.toString());
        assertTrue(stopped.err().contains("server cli-e2e-1: ACTIVE (powering_off)"), stopped.toString());
        assertEquals("ACTIVE", ok("server", "start", id, "--wait", "-o", "value", "-c", "status").out().strip());

        JsonNode actions = json(ok("server", "actions", id, "-o", "json"));
        List<String> names = new ArrayList<>();
        actions.forEach(a -> names.add(a.path("action").asText()));
        assertTrue(names.containsAll(List.of("create", "stop", "start")), names.toString());

        Cli.Run deleted = ok("server", "delete", id, "--wait");
        assertTrue(deleted.err().contains("server cli-e2e-1: gone"), deleted.toString());
        servers.remove(id);
        Cli.Run gone = Cli.run("server", "show", id);
        assertEquals(1, gone.exit(), gone.toString());
        assertTrue(gone.err().startsWith("Error: 404 Not Found: "), gone.toString());
        // the server's port goes once network-service has heard the server is gone
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Cli.run("subnet", "delete", "cli-e2e-servers").exit() == 0);
        ok("network", "delete", "cli-e2e-servers");
    }

    @Test
    void anUploadShowsItsProgressAndTheDownloadIsTheSameBytes() throws Exception {
        Path file = Cli.file("cli-e2e-disk.raw");
        byte[] data = new byte[24 * 1024 * 1024];
        new Random(42).nextBytes(data);
        Files.write(file, data);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        Cli.Run upload = ok("image", "upload", file.toString(), "--name", "cli-e2e-image", "--disk-format", "raw",
                "-o", "json");
        JsonNode image = json(upload);
        assertEquals("active", image.path("status").asText(), upload.toString());
        assertEquals(sha256, image.path("os_hash_value").asText());
        // stderr was a file: the progress is one line per tenth, then the total, then the checksum
        List<String> progress = upload.err().lines().filter(l -> l.startsWith("upload cli-e2e-disk.raw [")).toList();
        assertTrue(progress.size() >= 5, upload.toString());
        String last = progress.get(progress.size() - 1);
        assertTrue(last.matches(".*\\] 100% 24\\.0 MiB / 24\\.0 MiB  [0-9.]+ [KMG]?i?B/s  ETA 0s"), last);
        assertTrue(progress.stream().anyMatch(l -> l.matches(".*\\]  [1-9]0% .* ETA \\d+(s|m\\d+s)")), upload.err());
        assertTrue(upload.err().contains("checksum verified: sha256 " + sha256), upload.toString());

        Path back = Cli.file("cli-e2e-disk.back");
        Cli.Run download = ok("image", "download", "cli-e2e-image", "--file", back.toString());
        assertArrayEquals(data, Files.readAllBytes(back));
        assertTrue(download.err().contains("] 100% 24.0 MiB / 24.0 MiB"), download.toString());
        assertTrue(download.err().contains("checksum verified: sha256 " + sha256), download.toString());

        ok("image", "delete", "cli-e2e-image");
        Cli.Run gone = Cli.run("image", "show", image.path("id").asText());
        assertEquals(1, gone.exit(), gone.toString());
    }

    @Test
    void errorsHaveTheirExitCodesAndOneReadableLine() {
        String unknown = UUID.randomUUID().toString();
        Cli.Run notFound = Cli.run("server", "show", unknown);
        assertEquals(1, notFound.exit(), notFound.toString());
        assertEquals(1, notFound.err().lines().count(), notFound.toString());
        assertTrue(notFound.err().startsWith("Error: 404 Not Found: ") && notFound.err().contains(unknown),
                notFound.toString());
        assertEquals("", notFound.out());

        Cli.Run noName = Cli.run("server", "delete", "no-such-server-cli-e2e");
        assertEquals(1, noName.exit(), noName.toString());
        assertEquals("Error: 404 Not Found: no server is named \"no-such-server-cli-e2e\"\n", noName.err());

        Cli.Run badVerb = Cli.run("server", "explode");
        assertEquals(2, badVerb.exit(), badVerb.toString());
        Cli.Run missing = Cli.run("server", "create", "x", "--image", "stratus-tiny");
        assertEquals(2, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("--flavor"), missing.toString());
        Cli.Run badFlavor = Cli.run("server", "create", "cli-e2e-bad", "--flavor", "no-such-flavor", "--image",
                "stratus-tiny");
        assertEquals(1, badFlavor.exit(), badFlavor.toString());
        assertTrue(badFlavor.err().matches("Error: 4\\d\\d [A-Za-z ]+: .+\\n"), badFlavor.toString());

        Cli.Run timeout = Cli.run("server", "create", "cli-e2e-timeout", "--flavor", "m1.tiny", "--image",
                "stratus-tiny", "--wait", "--timeout", "300ms", "--quiet");
        assertEquals(3, timeout.exit(), timeout.toString());
        assertTrue(timeout.err().contains("Error: timed out after 300ms waiting for server cli-e2e-timeout to be "
                + "ACTIVE"), timeout.toString());
        String id = ok("server", "list", "--quiet", "--name", "cli-e2e-timeout").out().strip();
        servers.add(id);
        ok("server", "delete", id, "--wait");
        servers.remove(id);
    }

    @Test
    void keyPairsWithTheirPrivateKeyKeptAside() throws Exception {
        Path key = Cli.file("cli-e2e-key");
        Files.deleteIfExists(key);
        Cli.Run created = ok("keypair", "create", "cli-e2e-key", "--private-key", key.toString(), "-o", "json");
        assertTrue(json(created).path("private_key").isMissingNode(), created.toString());
        String privateKey = Files.readString(key);
        assertTrue(privateKey.startsWith("-----BEGIN ") && privateKey.contains("PRIVATE KEY-----"), privateKey);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        Cli.Run again = Cli.run("keypair", "create", "cli-e2e-key");
        assertEquals(1, again.exit(), again.toString());
        assertTrue(again.err().startsWith("Error: 409 Conflict: "), again.toString());
        assertTrue(Cli.table(ok("keypair", "list").out()).stream().anyMatch(r -> r.get("NAME").equals("cli-e2e-key")));
        ok("keypair", "delete", "cli-e2e-key");
    }

    @Test
    void networksRoutersFloatingIpsAndSecurityGroupsByName() {
        String net = json(ok("network", "create", "cli-e2e-net", "-o", "json")).path("id").asText();
        JsonNode subnet = json(ok("subnet", "create", "cli-e2e-sub", "--network", "cli-e2e-net", "--cidr",
                "10.91.0.0/24", "-o", "json"));
        assertEquals(net, subnet.path("network_id").asText());
        assertEquals("10.91.0.1", subnet.path("gateway_ip").asText());
        String external = Stack.env("STRATUS_EXTERNAL_NETWORK");
        JsonNode router = json(ok("router", "create", "cli-e2e-router", "--external-gateway", external, "-o",
                "json"));
        assertEquals(external, router.path("external_gateway_info").path("network_id").asText());
        ok("router", "interface", "add", "cli-e2e-router", "--subnet", "cli-e2e-sub");
        JsonNode ip = json(ok("floating-ip", "create", "-o", "json")); // the network from dev.env
        String address = ip.path("floating_ip_address").asText();
        assertTrue(address.matches("\\d+\\.\\d+\\.\\d+\\.\\d+"), ip.toString());
        assertTrue(ok("floating-ip", "list", "-o", "value", "-c", "floating_ip_address").out().lines()
                .anyMatch(address::equals));

        ok("security-group", "create", "cli-e2e-sg", "--description", "ssh from anywhere");
        ok("rule", "create", "--security-group", "cli-e2e-sg", "--protocol", "tcp", "--port", "22",
                "--remote-ip", "0.0.0.0/0");
        List<Map<String, String>> rules = Cli.table(ok("rule", "list", "--security-group", "cli-e2e-sg").out());
        assertTrue(rules.stream().anyMatch(r -> r.get("PROTOCOL").equals("tcp") && r.get("PORTS").equals("22")
                && r.get("REMOTE").equals("0.0.0.0/0")), rules.toString());

        ok("floating-ip", "delete", address);
        ok("router", "interface", "remove", "cli-e2e-router", "--subnet", "cli-e2e-sub");
        ok("router", "delete", "cli-e2e-router");
        ok("subnet", "delete", "cli-e2e-sub");
        ok("network", "delete", "cli-e2e-net");
        ok("security-group", "delete", "cli-e2e-sg");
        assertEquals(1, Cli.run("network", "show", net).exit());
    }

    @Test
    void quotasAndHostsForTheAdministrator() {
        List<Map<String, String>> quotas = Cli.table(ok("quota", "show").out());
        assertTrue(quotas.stream().anyMatch(r -> r.get("RESOURCE").equals("instances")), quotas.toString());
        List<Map<String, String>> hosts = Cli.table(ok("host", "list", "--admin").out());
        assertTrue(hosts.stream().anyMatch(r -> r.get("NAME").equals(Stack.HOST) && r.get("ALIVE").equals("true")),
                hosts.toString());
        Cli.Run member = Cli.run("host", "list");
        assertEquals(1, member.exit(), member.toString());
        assertTrue(member.err().startsWith("Error: 403 Forbidden"), member.toString());
    }

    @Test
    void completionHelpAndStartTime() {
        Cli.Run completion = ok("completion", "bash");
        assertTrue(completion.out().contains("complete -F _complete_stratus -o default stratus"), completion.out());
        assertTrue(ok("--help").out().contains("server"));
        // the wall time of a listing, as a user waits for it (the launcher, the JVM, a token check and one call)
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            millis.add(ok("server", "list").took().toMillis());
        }
        System.out.println("CLI `./stratus server list` wall time (ms): " + millis);
        assertTrue(millis.stream().mapToLong(Long::longValue).min().orElseThrow() < 3000, millis.toString());
    }
}
