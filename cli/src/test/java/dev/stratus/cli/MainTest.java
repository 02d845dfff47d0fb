package dev.stratus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.cli.config.ConfigLocations;
import dev.stratus.cli.watch.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages of whole command lines, against {@link FakeApi}. */
class MainTest {
    private static final String ID = "3f2b8a90-3c1e-4f59-9d1a-0c8e5f7b6a21";
    private static final String SERVER = "{\"id\":\"" + ID + "\",\"name\":\"web-1\",\"status\":\"%s\","
            + "\"task_state\":%s,\"flavor\":{\"id\":\"m1.tiny\"},\"image\":{\"id\":\"stratus-tiny\"},\"vcpus\":1,"
            + "\"ram_mb\":128,\"disk_gb\":1,\"config_drive\":true,\"addresses\":{},"
            + "\"created_at\":\"2026-11-30T07:00:00Z\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private FakeApi api;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        env.put("STRATUS_CONFIG", dir.resolve("config").toString());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        Ticker fast = new Ticker() {
            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                Thread.sleep(Math.min(d.toMillis(), 20));
            }
        };
        Environment environment = new Environment(new ConfigLocations(env, dir, dir.resolve("home")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, fast, env);
        return Main.run(environment, args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static String server(String status, String task) {
        return String.format(SERVER, status, task == null ? "null" : "\"" + task + "\"");
    }

    private void configured() {
        env.put("STRATUS_URL", api.url());
        env.put("STRATUS_TOKEN", "t0ken");
    }

    @Test
    void anUnknownServerIsExitOneWithTheProblemsDetail() {
        configured();
        api.on("GET /v1/servers/" + ID, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"server " + ID + " does not exist\"}");
        assertEquals(ExitCodes.API_ERROR, run("server", "show", ID));
        assertEquals("Error: 404 Not Found: server " + ID + " does not exist\n", err());
        assertEquals("Bearer t0ken", api.requests.get(0).authorization());
    }

    @Test
    void aConflictIsExitOne() {
        configured();
        api.on("POST /v1/servers/" + ID + "/actions/start", 409, "{\"status\":409,\"title\":\"Conflict\","
                + "\"detail\":\"start is not allowed in ACTIVE\"}");
        assertEquals(ExitCodes.API_ERROR, run("server", "start", ID));
        assertEquals("Error: 409 Conflict: start is not allowed in ACTIVE\n", err());
    }

    @Test
    void anUnknownNameIsExitOne() {
        configured();
        api.on("GET /v1/servers", 200, "{\"servers\":[]}");
        assertEquals(ExitCodes.API_ERROR, run("server", "show", "nope"));
        assertEquals("Error: 404 Not Found: no server is named \"nope\"\n", err());
        assertTrue(api.requests.get(0).path().contains("name=nope"), api.requests.get(0).path());
    }

    @Test
    void badUsageIsExitTwo() {
        configured();
        assertEquals(ExitCodes.USAGE, run("server", "frobnicate"));
        assertTrue(err().startsWith("Error: Unmatched argument at index 1: 'frobnicate'"), err());
        assertTrue(err().contains("Try 'stratus server --help'"), err());
        assertEquals(ExitCodes.USAGE, run("server", "show"));
        assertTrue(err().contains("Missing required parameter: 'SERVER'"), err());
        assertEquals(ExitCodes.USAGE, run("server", "list", "-o", "xml"));
        assertEquals(ExitCodes.USAGE, run());
        assertEquals(ExitCodes.USAGE, run("server", "create", "x", "--flavor", "f", "--image", "i", "--ssh"));
        assertTrue(err().contains("--ssh needs --wait"), err());
        assertTrue(api.requests.isEmpty(), "nothing asked of the API");
    }

    @Test
    void noUrlIsExitTwoAndSaysWhatToDo() {
        assertEquals(ExitCodes.USAGE, run("server", "list"));
        assertTrue(err().startsWith("Error: no API URL: set STRATUS_URL"), err());
    }

    @Test
    void unreachableIsExitOne() {
        env.put("STRATUS_URL", "http://127.0.0.1:1");
        env.put("STRATUS_TOKEN", "t");
        assertEquals(ExitCodes.API_ERROR, run("flavor", "list"));
        assertEquals("Error: cannot reach the API at http://127.0.0.1:1: connection refused\n", err());
    }

    @Test
    void waitTimeoutIsExitThree() {
        configured();
        api.on("POST /v1/servers", 202, server("BUILDING", "scheduling"));
        api.on("GET /v1/servers/" + ID, 200, server("BUILDING", "spawning"));
        assertEquals(ExitCodes.TIMEOUT, run("server", "create", "web-1", "--flavor", "m1.tiny", "--image",
                "stratus-tiny", "--wait", "--timeout", "1s"));
        assertTrue(err().contains("server web-1: BUILDING (scheduling)"), err());
        assertTrue(err().contains("server web-1: BUILDING (spawning)"), err());
        assertTrue(err().contains("Error: timed out after 1s waiting for server web-1 to be ACTIVE"), err());
        JsonNode body = readJson(api.requests.get(0).body());
        assertEquals("web-1", body.path("name").asText());
        assertEquals("m1.tiny", body.path("flavor").asText());
    }

    @Test
    void waitShowsEachStateAndEndsInTheServer() throws Exception {
        configured();
        api.on("POST /v1/servers", 202, server("BUILDING", "scheduling"));
        api.on("GET /v1/servers/" + ID, 200, server("BUILDING", "spawning"))
                .on("GET /v1/servers/" + ID, 200, server("ACTIVE", null));
        assertEquals(0, run("server", "create", "web-1", "--flavor", "m1.tiny", "--image", "stratus-tiny",
                "--wait", "-o", "json"));
        assertEquals("ACTIVE", JSON.readTree(out()).path("status").asText());
        assertTrue(err().matches("(?s)server web-1: BUILDING \\(scheduling\\).*BUILDING \\(spawning\\).*ACTIVE.*"),
                err());
    }

    @Test
    void securityGroupsAreSentOnlyWhenGiven() {
        configured();
        api.on("POST /v1/servers", 202, server("BUILDING", "scheduling"));
        assertEquals(0, run("server", "create", "web-1", "--flavor", "m1.tiny", "--image", "stratus-tiny",
                "--security-group", "web", "--security-group", "5d1e0000-0000-4000-8000-000000000001"));
        JsonNode body = readJson(api.requests.get(0).body());
        assertEquals("[\"web\",\"5d1e0000-0000-4000-8000-000000000001\"]", body.path("security_groups").toString());
        assertEquals(0, run("server", "create", "web-2", "--flavor", "m1.tiny", "--image", "stratus-tiny"));
        assertTrue(readJson(api.requests.get(1).body()).path("security_groups").isMissingNode(),
                "absent, so the API gives the default group (an empty list would be no group at all)");
    }

    @Test
    void errorDuringWaitIsExitOneWithTheFault() {
        configured();
        api.on("POST /v1/servers/" + ID + "/actions/stop", 202, server("ACTIVE", "powering_off"));
        api.on("GET /v1/servers/" + ID, 200, server("ERROR", null).replace("\"config_drive\"",
                "\"fault\":\"the domain vanished\",\"config_drive\""));
        assertEquals(ExitCodes.API_ERROR, run("server", "stop", ID, "--wait"));
        assertTrue(err().endsWith("Error: server web-1 went to ERROR: the domain vanished\n"), err());
    }

    @Test
    void aRebuildOfAServerInErrorIsFollowedUntilItEnds() throws Exception {
        configured();
        String fault = "\"fault\":\"the disk was lost\",\"config_drive\"";
        api.on("POST /v1/servers/" + ID + "/actions/rebuild", 202,
                server("ERROR", "rebuilding").replace("\"config_drive\"", fault));
        api.on("GET /v1/servers/" + ID, 200, server("ERROR", "rebuilding").replace("\"config_drive\"", fault))
                .on("GET /v1/servers/" + ID, 200, server("ACTIVE", null));
        assertEquals(0, run("server", "rebuild", ID, "--wait", "-o", "value", "-c", "status"));
        assertEquals("ACTIVE\n", out());
        assertTrue(err().contains("server web-1: ERROR (rebuilding)"), err());
    }

    @Test
    void inheritedOptionsWorkBeforeAndAfterTheCommand() throws Exception {
        configured();
        api.on("GET /v1/servers", 200, "{\"servers\":[" + server("ACTIVE", null) + "]}");
        assertEquals(0, run("-o", "json", "server", "list"));
        assertEquals(ID, JSON.readTree(out()).get(0).path("id").asText());
        assertEquals(0, run("server", "list", "-q"));
        assertEquals(ID + "\n", out());
        assertEquals(0, run("server", "list"));
        assertTrue(out().startsWith("ID"), out());
        assertTrue(out().contains("web-1") && out().contains("ACTIVE") && out().contains("m1.tiny"), out());
    }

    @Test
    void anExpiredDevEnvTokenIsIssuedAgainFromItsCredentials() throws IOException {
        Path state = dir.resolve("state");
        Files.createDirectories(state);
        String expired = "x." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"exp\":1}".getBytes())
                + ".y";
        Files.writeString(state.resolve("dev.env"), "STRATUS_URL=" + api.url() + "\nSTRATUS_USER=demo\n"
                + "STRATUS_PASSWORD=pw\nSTRATUS_PROJECT=demo\nSTRATUS_TOKEN=" + expired + "\n");
        env.put("STRATUS_STATE", state.toString());
        api.on("POST /v1/auth/tokens", 201, "{\"token\":\"fresh\",\"expires_at\":\"2026-11-30T08:00:00Z\"}");
        api.on("GET /v1/flavors", 200, "{\"flavors\":[{\"id\":\"m1.tiny\",\"name\":\"m1.tiny\",\"vcpus\":1,"
                + "\"ram_mb\":128,\"disk_gb\":1}]}");
        assertEquals(0, run("flavor", "list", "-o", "value", "-c", "name,vcpus"));
        assertEquals("m1.tiny 1\n", out());
        JsonNode issue = readJson(api.requests.get(0).body());
        assertEquals("demo", issue.path("user").asText());
        assertEquals("pw", issue.path("password").asText());
        assertEquals("Bearer fresh", api.requests.get(1).authorization());
    }

    @Test
    void loginSavesTheTokenNotThePassword() throws IOException {
        env.put("STRATUS_URL", api.url());
        env.put("STRATUS_USER", "demo");
        env.put("STRATUS_PASSWORD", "pw");
        api.on("POST /v1/auth/tokens", 201, "{\"token\":\"saved\",\"expires_at\":\"2026-11-30T08:00:00Z\"}");
        assertEquals(0, run("login", "--project", "demo"));
        assertTrue(err().startsWith("logged in to " + api.url() + " as demo (project demo)"), err());
        JsonNode issue = readJson(api.requests.get(0).body());
        assertEquals("demo", issue.path("project").asText());
        // STRATUS_PASSWORD is demo's: another user's password is asked, and there is no terminal here
        assertEquals(ExitCodes.USAGE, run("login", "--user", "other"));
        assertTrue(err().contains("--password-stdin"), err());
        String config = Files.readString(dir.resolve("config"));
        assertTrue(config.contains("STRATUS_TOKEN=saved"), config);
        assertTrue(config.contains("STRATUS_URL=" + api.url()), config);
        assertTrue(!config.contains("pw"), config);
        env.remove("STRATUS_PASSWORD");
        env.remove("STRATUS_USER");
        env.remove("STRATUS_URL");
        api.on("GET /v1/flavors", 200, "{\"flavors\":[]}");
        assertEquals(0, run("flavor", "list"));
        assertEquals("Bearer saved", api.requests.get(api.requests.size() - 1).authorization());
        assertEquals(0, run("logout"));
        assertEquals(ExitCodes.USAGE, run("flavor", "list"));
        assertTrue(err().startsWith("Error: no token"), err());
    }

    @Test
    void anUploadSendsTheFileItselfWithProgressAndChecksThem() throws Exception {
        configured();
        String data = "stratus test image data\n".repeat(128 * 1024); // 3 MiB
        Path file = dir.resolve("disk.raw");
        Files.writeString(file, data);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(data.getBytes(StandardCharsets.UTF_8)));
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest(data.getBytes(StandardCharsets.UTF_8)));
        String image = "{\"id\":\"" + ID + "\",\"name\":\"disk\",\"status\":\"%s\",\"visibility\":\"private\","
                + "\"disk_format\":\"raw\",\"container_format\":\"bare\",\"owner\":\"p\",\"protected\":false,"
                + "\"tags\":[],\"created_at\":\"2026-11-30T07:00:00Z\"%s}";
        api.on("POST /v1/images", 201, String.format(image, "queued", ""));
        api.on("PUT /v1/images/" + ID + "/file", 200, String.format(image, "active", ""));
        api.on("GET /v1/images/" + ID, 200, String.format(image, "active", ",\"os_hash_value\":\"" + sha
                + "\",\"checksum\":\"" + md5 + "\""));
        assertEquals(0, run("image", "upload", file.toString(), "-o", "value", "-c", "status"));
        assertEquals("active\n", out());
        FakeApi.Request put = api.requests.stream().filter(r -> r.method().equals("PUT")).findFirst().orElseThrow();
        assertEquals(data, put.body(), "the file's bytes, not the generated client's JSON of a File");
        JsonNode created = readJson(api.requests.get(0).body());
        assertEquals("disk", created.path("name").asText());
        assertEquals("raw", created.path("disk_format").asText());
        assertTrue(err().contains("upload disk.raw [########################] 100% 3.0 MiB / 3.0 MiB"), err());
        assertTrue(err().contains("checksum verified: sha256 " + sha), err());
    }

    @Test
    void aChecksumMismatchIsExitOneAndTheImageIsDeleted() throws Exception {
        configured();
        Path file = dir.resolve("disk.qcow2");
        Files.writeString(file, "not what image-service stored");
        String image = "{\"id\":\"" + ID + "\",\"name\":\"disk\",\"status\":\"active\",\"visibility\":\"private\","
                + "\"disk_format\":\"qcow2\",\"container_format\":\"bare\",\"owner\":\"p\",\"protected\":false,"
                + "\"tags\":[],\"created_at\":\"2026-11-30T07:00:00Z\",\"os_hash_value\":\"00\"}";
        api.on("POST /v1/images", 201, image).on("PUT /v1/images/" + ID + "/file", 200, image)
                .on("GET /v1/images/" + ID, 200, image).on("DELETE /v1/images/" + ID, 204, "");
        assertEquals(ExitCodes.API_ERROR, run("image", "upload", file.toString()));
        assertTrue(err().contains("Error: checksum mismatch: sent sha256 "), err());
        assertTrue(err().contains("(the image " + ID + " registered for it was deleted)"), err());
        assertEquals("qcow2", readJson(api.requests.get(0).body()).path("disk_format").asText());
    }

    @Test
    void aDownloadIsCheckedBeforeItIsPutInPlace() throws Exception {
        configured();
        String data = "image bytes\n".repeat(100_000);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(data.getBytes(StandardCharsets.UTF_8)));
        String image = "{\"id\":\"" + ID + "\",\"name\":\"disk\",\"status\":\"active\",\"visibility\":\"private\","
                + "\"disk_format\":\"raw\",\"container_format\":\"bare\",\"owner\":\"p\",\"protected\":false,"
                + "\"tags\":[],\"created_at\":\"2026-11-30T07:00:00Z\",\"size\":" + data.length()
                + ",\"os_hash_value\":\"%s\"}";
        api.on("GET /v1/images/" + ID, 200, String.format(image, sha)).on("GET /v1/images/" + ID + "/file", 200, data);
        Path target = dir.resolve("back.raw");
        assertEquals(0, run("image", "download", ID, "--file", target.toString()));
        assertEquals(data, Files.readString(target));
        assertTrue(err().contains("] 100% 1.1 MiB / 1.1 MiB"), err());
        assertTrue(err().contains("checksum verified: sha256 " + sha), err());

        String other = "0c1d2e3f-0000-4000-8000-000000000001"; // an image whose recorded checksum is not its data's
        api.on("GET /v1/images/" + other, 200, String.format(image, "00").replace(ID, other))
                .on("GET /v1/images/" + other + "/file", 200, data);
        Path elsewhere = dir.resolve("other.raw");
        assertEquals(ExitCodes.API_ERROR, run("image", "download", other, "--file", elsewhere.toString()));
        assertTrue(err().contains("Error: checksum mismatch: received sha256 " + sha), err());
        assertTrue(!Files.exists(elsewhere) && !Files.exists(dir.resolve(".other.raw.part")), "nothing left");
    }

    @Test
    void bashCompletion() {
        assertEquals(0, run("completion", "bash"));
        assertTrue(out().contains("_complete_stratus"), out());
        assertTrue(out().contains("server") && out().contains("floating-ip") && out().contains("resize"));
        assertTrue(out().contains("complete -F _complete_stratus -o default ./stratus"));
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
