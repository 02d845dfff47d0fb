package dev.stratus.api;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.api.service.GuestIdentities;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstanceRebuildRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.Topics;
import dev.stratus.contracts.VmState;
import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.platform.events.EventPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a server's guest is given at create ({@code key_name}, {@code user_data}, {@code hostname},
 * {@code config_drive}, {@code metadata}): every bad value is a 400 naming its field and leaves no server; the
 * identity travels in {@code InstanceRequested} and stays in the placement the host rebuilds from; the view shows all
 * of it but the user-data.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerIdentityTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final AtomicLong SEQ = new AtomicLong();
    private static final String SCRIPT = "#cloud-config\nruncmd:\n  - [touch, /tmp/hello]\n";
    private static EventPublisher stratus;

    @BeforeAll
    static void connect() {
        stratus = new EventPublisher(StratusTestInfra.bootstrapServers(), "identity-test");
    }

    @AfterAll
    static void disconnect() {
        stratus.close();
    }

    @Inject
    Directory directory;
    /** The token of the running test's user. */
    private static String token;

    /** A project of its own, so that the servers these tests leave count against no other test's quota. */
    @BeforeEach
    void authenticate() {
        RestAssured.requestSpecification = null;
        Project project = directory.ensureProject("identity-tests", "test");
        directory.ensureUser("identity-tests-user", "password-of-identity-tests");
        directory.assign(project.id, "identity-tests-user", "member");
        token = Login.token("identity-tests-user", "password-of-identity-tests", "identity-tests");
    }

    private static RequestSpecification req() {
        return RestAssured.given().auth().oauth2(token);
    }

    @Test
    void theIdentityReachesTheRequestAndTheViewShowsAllOfItButTheUserData() {
        String keyName = "identity-" + UUID.randomUUID().toString().substring(0, 8);
        String publicKey = req().contentType(ContentType.JSON).body(Map.of("name", keyName)).post("/v1/key-pairs")
                .then().statusCode(201).extract().path("public_key");
        String encoded = Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_8));
        String wrapped = encoded.substring(0, 20) + "\n" + encoded.substring(20); // line breaks are allowed
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            String id = create(Map.of("name", "identity-full", "key_name", keyName, "user_data", wrapped,
                    "hostname", "Web-1.Example", "config_drive", false, "metadata", Map.of("role", "web")))
                    .then().statusCode(202)
                    .body("key_name", equalTo(keyName)).body("hostname", equalTo("web-1.example"))
                    .body("config_drive", equalTo(false)).body("addresses", anEmptyMap())
                    .body("$", not(hasKey("user_data"))).body("$", not(hasKey("public_key")))
                    .extract().path("id");

            GuestIdentity identity = requests.await(InstanceRequested.class, e -> e.instanceId().equals(id), WAIT)
                    .identity();
            assertEquals(new GuestIdentity("web-1.example", keyName, publicKey, encoded, Map.of("role", "web"),
                    false), identity);
        }
        req().delete("/v1/key-pairs/" + keyName).then().statusCode(204);
        String id = req().get("/v1/servers?name=identity-full").then().extract().path("servers[0].id");
        req().get("/v1/servers/" + id).then().statusCode(200).body("key_name", equalTo(keyName))
                .body("$", not(hasKey("user_data")));
    }

    @Test
    void byDefaultTheHostNameComesFromTheNameAndTheServerHasAConfigDrive() {
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            String id = create(Map.of("name", "Web_1.prod")).then().statusCode(202)
                    .body("hostname", equalTo("web-1-prod")).body("config_drive", equalTo(true))
                    .body("key_name", nullValue()).body("addresses", anEmptyMap()).extract().path("id");
            GuestIdentity identity = requests.await(InstanceRequested.class, e -> e.instanceId().equals(id), WAIT)
                    .identity();
            assertEquals(new GuestIdentity("web-1-prod", null, null, null, Map.of(), true), identity);
        }
        UUID id = UUID.fromString("1234abcd-0000-4000-8000-000000000000");
        assertEquals("server-1234abcd", GuestIdentities.hostnameOf("___", id), "nothing usable");
        assertEquals("server-1234abcd", GuestIdentities.hostnameOf(null, id));
        assertEquals("a-b", GuestIdentities.hostnameOf("-A.b_", id));
        assertEquals("x".repeat(62), GuestIdentities.hostnameOf("x".repeat(62) + "-y", id), "63 at most, no '-' last");
    }

    @Test
    void everyBadFieldIsA400NamingItAndLeavesNoServer() {
        Map<String, String> manyPairs = new HashMap<>();
        for (int i = 0; i < 129; i++) {
            manyPairs.put("k" + i, "v");
        }
        String tooLarge = Base64.getEncoder().encodeToString(new byte[64 * 1024 + 1]);
        List<Object[]> cases = List.of(
                new Object[] {"key_name", "no-such-key", "key_name"},
                new Object[] {"user_data", "not base64!", "user_data"},
                new Object[] {"user_data", "YWJj=ZGVm", "user_data"},
                new Object[] {"user_data", tooLarge, "user_data"},
                new Object[] {"hostname", "-web", "hostname"},
                new Object[] {"hostname", "web_1", "hostname"},
                new Object[] {"hostname", "a..b", "hostname"},
                new Object[] {"hostname", "", "hostname"},
                new Object[] {"hostname", "x".repeat(64), "hostname"},
                new Object[] {"hostname", ("x".repeat(60) + ".").repeat(5), "hostname"},
                new Object[] {"config_drive", "yes", "config_drive"},
                new Object[] {"metadata", manyPairs, "metadata"},
                new Object[] {"metadata", Map.of("k".repeat(256), "v"), "metadata"},
                new Object[] {"metadata", Map.of("k", "v".repeat(256)), "metadata.k"}); // the JSON path of the value
        for (Object[] bad : cases) {
            String name = "bad-identity-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> body = new HashMap<>(Map.of("name", name));
            body.put((String) bad[0], bad[1]);
            create(body).then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo(bad[2]));
            req().get("/v1/servers?name=" + name).then().statusCode(200).body("servers.size()", equalTo(0));
        }
        create(Map.of("name", "bad-key", "key_name", "no-such-key")).then()
                .body("detail", containsString("key pair 'no-such-key' does not exist"));
        create(Map.of("name", "big-user-data", "user_data", tooLarge)).then()
                .body("detail", containsString("at most 65536 bytes"));
    }

    @Test
    void userDataOfExactly64KiBAndLimitsOfMetadataAreAccepted() {
        Map<String, String> pairs = new HashMap<>();
        for (int i = 0; i < 128; i++) {
            pairs.put("k" + i, "v".repeat(255));
        }
        pairs.put("k".repeat(255), "v");
        pairs.remove("k0");
        create(Map.of("name", "limits", "user_data", Base64.getEncoder().encodeToString(new byte[64 * 1024]),
                "metadata", pairs, "hostname", "x".repeat(63) + "." + "y".repeat(63))).then().statusCode(202);
    }

    @Test
    void thePlacementKeepsTheIdentityThroughARebuildAndAnOlderSchedulersPlacementGetsIt() {
        String host = "identity-host-" + UUID.randomUUID().toString().substring(0, 8);
        String encoded = Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_8));
        InstanceRequested request;
        String id;
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            id = create(Map.of("name", "placed", "hostname", "placed-host", "user_data", encoded)).then()
                    .statusCode(202).extract().path("id");
            request = requests.await(InstanceRequested.class, e -> e.instanceId().equals(id), WAIT);
        }
        // as the scheduler places it: the request's identity goes along
        stratus.publish(Topics.PLACEMENTS, id, placement(request, host, request.identity()));
        report(id, host);
        await().atMost(WAIT).untilAsserted(() -> assertEquals("placed-host", hostPlacement(host, id)
                .getString("identity.hostname")));

        try (EventProbe actions = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_ACTIONS)) {
            req().contentType(ContentType.JSON).body("{\"image\":\"test-image\"}")
                    .post("/v1/servers/" + id + "/actions/rebuild").then().statusCode(202);
            actions.await(InstanceRebuildRequested.class, e -> e.instanceId().equals(id), WAIT);
        }
        JsonPath rebuilt = hostPlacement(host, id);
        assertEquals("placed-host", rebuilt.getString("identity.hostname"), "the rebuild keeps the identity");
        assertEquals(encoded, rebuilt.getString("identity.userData"));
        assertTrue(rebuilt.getBoolean("identity.configDrive"));

        // a scheduler from before identities places another server: its placement gets the instance's identity
        String older;
        try (EventProbe requests = new EventProbe(StratusTestInfra.bootstrapServers(), Topics.INSTANCE_REQUESTS)) {
            older = create(Map.of("name", "older", "hostname", "older-host")).then().statusCode(202)
                    .extract().path("id");
            InstanceRequested olderRequest = requests.await(InstanceRequested.class,
                    e -> e.instanceId().equals(older), WAIT);
            stratus.publish(Topics.PLACEMENTS, older, placement(olderRequest, host, null));
        }
        await().atMost(WAIT).untilAsserted(() -> assertEquals("older-host", hostPlacement(host, older)
                .getString("identity.hostname")));
        assertNull(hostPlacement(host, older).getString("identity.userData"));
    }

    private static io.restassured.response.Response create(Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("flavor", "m1.tiny", "image", "test-image"));
        body.putAll(fields);
        return req().contentType(ContentType.JSON).body(body).post("/v1/servers");
    }

    private static InstancePlaced placement(InstanceRequested request, String host, GuestIdentity identity) {
        return new InstancePlaced(UUID.randomUUID().toString(), 1, request.instanceId(), request.projectId(),
                request.name(), host, "http://localhost:1", new FlavorSpec("m1.tiny", "m1.tiny", 1, 128, 1, null),
                new ImageRef(ImageServiceDouble.IMAGE_ID, null, null), Instant.now(), request.ports(), identity);
    }

    private static void report(String id, String host) {
        stratus.publish(Topics.INSTANCE_STATUS, id, new InstanceStatusChanged(UUID.randomUUID().toString(),
                InstanceStatusChanged.VERSION, id, host, SEQ.incrementAndGet(), VmState.ACTIVE, "RUNNING", null,
                Instant.now(), 0, null));
        await().atMost(WAIT).untilAsserted(() -> req().get("/v1/servers/" + id).then()
                .body("status", equalTo("ACTIVE")));
    }

    /** The placement api-service gives the host's agent for the instance (what a wiped agent rebuilds from). */
    private static JsonPath hostPlacement(String host, String id) {
        List<Map<String, Object>> instances = RestAssured.given().auth().oauth2(Login.token("compute-agent"))
                .get("/internal/v1/hosts/" + host + "/instances").then().statusCode(200).extract()
                .path("instances");
        Map<String, Object> instance = instances.stream().filter(i -> id.equals(i.get("instance_id"))).findFirst()
                .orElseThrow(() -> new AssertionError(id + " is not listed for " + host));
        return new JsonPath(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(instance.get("placement"))
                .toString());
    }
}
