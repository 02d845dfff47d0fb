package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.e2e.fuzz.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.stratus.e2e.TenancyMatrixE2ETest.call;
import static dev.stratus.e2e.TenancyMatrixE2ETest.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's regressions, one per request it lists: a NUL in a path id, a name, a query or a value passed on to
 * image-service; a port name longer than its column; a number or -1 where a string or boolean is declared; an
 * unknown field in image-service; quotas of -1 and below; a 5,000-character id (and the other size limits); deleting
 * projects and users. Each bad request is a 400 problem naming the field (for a path id: saying it is the path; for
 * a query: naming the parameter; the size limits have their own status) and leaves every list as it was.
 */
class InputHardeningE2ETest {
    private static final String NUL_NAME = "{\"name\":\"a\\u0000b\"}";
    private static String admin;
    private static String member;
    private static String projectId;
    private static String network;
    private static String port;
    private static String image;
    private static String server;
    private static final List<String> cleanUp = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        Stack.up();
        admin = Stack.adminToken();
        String project = "input-" + UUID.randomUUID().toString().substring(0, 8);
        projectId = TenancyMatrixE2ETest.projectWithUser(admin, project, project + "-user", "member");
        member = TenancyMatrixE2ETest.issue(project + "-user", project);
        network = created("/v1/networks", "{\"name\":\"input-net\"}");
        created("/v1/subnets", "{\"network_id\":\"" + network + "\",\"cidr\":\"10.202.0.0/24\"}");
        port = created("/v1/ports", "{\"network_id\":\"" + network + "\",\"name\":\"input-port\"}");
        image = created("/v1/images", "{\"name\":\"input-image\",\"disk_format\":\"qcow2\",\"container_format\":\"bare\"}");
        HttpResponse<String> booted = call("POST", Stack.url() + "/v1/servers", member, "{\"name\":\"input-server\","
                + "\"flavor\":\"m1.tiny\",\"image\":\"stratus-tiny\",\"networks\":[{\"network\":\"" + network + "\"}]}");
        assertEquals(202, booted.statusCode(), booted.body());
        server = json(booted).path("id").asText();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                "ACTIVE".equals(json(call("GET", Stack.url() + "/v1/servers/" + server, member, null))
                        .path("status").asText()));
    }

    @AfterAll
    static void tearDown() throws Exception {
        call("DELETE", Stack.url() + "/v1/servers/" + server, member, null);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                call("GET", Stack.url() + "/v1/servers/" + server, member, null).statusCode() == 404);
        for (String path : cleanUp) {
            call("DELETE", Stack.url() + path, admin, null);
        }
        call("DELETE", Stack.url() + "/v1/images/" + image, member, null);
        call("DELETE", Stack.url() + "/v1/ports/" + port, member, null);
        call("DELETE", Stack.url() + "/v1/networks/" + network, member, null);
    }

    // ---- a NUL character in a path id: 400 before any database sees it

    @Test
    void nulInAUserIdIsA400() throws Exception {
        assertBadPath(call("PATCH", Stack.url() + "/v1/users/%00", admin, "{\"enabled\":true}"));
    }

    @Test
    void nulInAProjectIdOfMembersIsA400() throws Exception {
        String users = list("/v1/users", admin);
        assertBadPath(call("PUT", Stack.url() + "/v1/projects/%00/members", admin,
                "{\"user\":\"nobody\",\"role\":\"member\"}"));
        assertEquals(users, list("/v1/users", admin));
    }

    @Test
    void nulInAProjectIdOfQuotasIsA400() throws Exception {
        assertBadPath(call("PUT", Stack.url() + "/v1/projects/%00/quotas", admin, "{\"instances\":5}"));
    }

    @Test
    void nulInAKeyPairIdIsA400() throws Exception {
        assertBadPath(call("DELETE", Stack.url() + "/v1/key-pairs/%00", member, null));
    }

    // ---- a NUL inside a name, the body otherwise valid

    @Test
    void nulInAnImageNameIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/images", member);
        assertBadField(call("POST", Stack.url() + "/v1/images", member,
                "{\"name\":\"a\\u0000b\",\"disk_format\":\"qcow2\",\"container_format\":\"bare\"}"), "name");
        assertEquals(before, list("/v1/images", member));
    }

    @Test
    void nulInANetworkNameIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/networks", member);
        assertBadField(call("POST", Stack.url() + "/v1/networks", member, NUL_NAME), "name");
        assertEquals(before, list("/v1/networks", member));
    }

    @Test
    void nulInASecurityGroupNameIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/security-groups", member);
        assertBadField(call("POST", Stack.url() + "/v1/security-groups", member, NUL_NAME), "name");
        assertEquals(before, list("/v1/security-groups", member));
    }

    @Test
    void nulInANetworksNewNameIsA400AndChangesNothing() throws Exception {
        assertBadField(call("PUT", Stack.url() + "/v1/networks/" + network, member, NUL_NAME), "name");
        assertEquals("input-net", get("/v1/networks/" + network).path("name").asText());
    }

    @Test
    void nulInAPortsNewNameIsA400AndChangesNothing() throws Exception {
        assertBadField(call("PUT", Stack.url() + "/v1/ports/" + port, member, NUL_NAME), "name");
        assertEquals("input-port", get("/v1/ports/" + port).path("name").asText());
    }

    @Test
    void nulInAnImagesNewNameIsA400AndChangesNothing() throws Exception {
        assertBadField(call("PATCH", Stack.url() + "/v1/images/" + image, member, NUL_NAME,
                "application/merge-patch+json"), "name");
        assertEquals("input-image", get("/v1/images/" + image).path("name").asText());
    }

    // ---- a NUL passed on to image-service

    @Test
    void nulInAServersImageIsA400NotAnUpstream503() throws Exception {
        String before = list("/v1/servers", member);
        assertBadField(call("POST", Stack.url() + "/v1/servers", member,
                "{\"name\":\"nul-image\",\"flavor\":\"m1.tiny\",\"image\":\"stratus-tiny\\u0000\"}"), "image");
        assertEquals(before, list("/v1/servers", member));
    }

    @Test
    void nulInASnapshotNameIsA400NotAnUpstream503() throws Exception {
        String before = list("/v1/images", member);
        assertBadField(call("POST", Stack.url() + "/v1/servers/" + server + "/actions/snapshot", member,
                "{\"name\":\"a\\u0000b\"}"), "name");
        assertEquals(before, list("/v1/images", member));
    }

    // ---- a NUL in a query

    @Test
    void nulInAnImageNameQueryIsA400() throws Exception {
        assertBadQuery(call("GET", Stack.url() + "/v1/images?name=%00", member, null), "name");
    }

    @Test
    void nulInAPortDeviceQueryIsA400() throws Exception {
        assertBadQuery(call("GET", Stack.url() + "/v1/ports?device_id=%00", member, null), "device_id");
    }

    /**
     * A target that is no URI: Quarkus's own check (off in every service, {@code vertx.disableURIValidation}) would
     * answer a bare 400; RequestTargetGuard answers it as a problem, through the edge routes too (image-service).
     */
    @Test
    void aMalformedPercentEscapeIsA400Problem() throws Exception {
        for (String target : List.of("/v1/servers/%ZZ", "/v1/servers/%", "/v1/ports?device_id=%ZZ", "/v1/images/%G1")) {
            RawHttp.Response response = RawHttp.send(Stack.API_PORT, "GET", target,
                    Map.of("Authorization", "Bearer " + member), null);
            assertEquals(400, response.status(), target + ": " + response.text());
            assertProblem(response.status(), response.contentType(), response.text());
            assertTrue(response.text().contains("not a valid URI"), response.text());
        }
    }

    // ---- a port name longer than its column

    @Test
    void aPortNameOf300CharactersIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/ports", member);
        assertBadField(call("POST", Stack.url() + "/v1/ports", member, "{\"network_id\":\"" + network
                + "\",\"name\":\"" + "p".repeat(300) + "\"}"), "name");
        assertEquals(before, list("/v1/ports", member));
    }

    @Test
    void aPortNameOf100KilobytesIsA400AndChangesNothing() throws Exception {
        assertBadField(call("PUT", Stack.url() + "/v1/ports/" + port, member, "{\"name\":\"" + "p".repeat(100_000)
                + "\"}"), "name");
        assertEquals("input-port", get("/v1/ports/" + port).path("name").asText());
    }

    // ---- numbers where strings or booleans are declared

    @Test
    void aNumberForAnApplicationCredentialsNameIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/application-credentials", member);
        assertBadField(call("POST", Stack.url() + "/v1/application-credentials", member, "{\"name\":12345}"), "name");
        assertEquals(before, list("/v1/application-credentials", member));
    }

    @Test
    void aNumberForAProjectsNameIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/projects", admin);
        assertBadField(call("POST", Stack.url() + "/v1/projects", admin, "{\"name\":12345}"), "name");
        assertEquals(before, list("/v1/projects", admin));
    }

    @Test
    void aNumberForASecurityGroupsNameIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/security-groups", member);
        assertBadField(call("POST", Stack.url() + "/v1/security-groups", member, "{\"name\":12345}"), "name");
        assertEquals(before, list("/v1/security-groups", member));
    }

    @Test
    void minusOneForAUsersEnabledIsA400AndEnablesNobody() throws Exception {
        String name = "input-disabled-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> user = call("POST", Stack.url() + "/v1/users", admin, "{\"name\":\"" + name
                + "\",\"password\":\"" + name + "-pw\"}");
        assertEquals(201, user.statusCode(), user.body());
        String id = json(user).path("id").asText();
        cleanUp.add("/v1/users/" + id);
        assertEquals(200, call("PATCH", Stack.url() + "/v1/users/" + id, admin, "{\"enabled\":false}").statusCode());
        assertBadField(call("PATCH", Stack.url() + "/v1/users/" + id, admin, "{\"enabled\":-1}"), "enabled");
        assertFalse(json(call("GET", Stack.url() + "/v1/users/" + id, admin, null)).path("enabled").asBoolean(true),
                "-1 enabled the user");
    }

    // ---- image-service refuses unknown fields like the other services

    @Test
    void anUnknownFieldInAnImageIsA400AndCreatesNothing() throws Exception {
        String before = list("/v1/images", member);
        assertBadField(call("POST", Stack.url() + "/v1/images", member, "{\"name\":\"input-unknown\","
                + "\"disk_format\":\"qcow2\",\"container_format\":\"bare\",\"bogus\":1}"), "bogus");
        assertEquals(before, list("/v1/images", member));
    }

    // ---- quotas: -1 is unlimited, below -1 is a 400

    @Test
    void aQuotaOfMinusOneIsUnlimitedAndShownSo() throws Exception {
        HttpResponse<String> set = call("PUT", Stack.url() + "/v1/projects/" + projectId + "/quotas", admin,
                "{\"key_pairs\":-1}");
        assertEquals(200, set.statusCode(), set.body());
        assertEquals(-1, json(call("GET", Stack.url() + "/v1/projects/" + projectId + "/quotas", admin, null))
                .path("key_pairs").path("limit").asLong());
        HttpResponse<String> keyPair = call("POST", Stack.url() + "/v1/key-pairs", member,
                "{\"name\":\"input-unlimited\"}");
        assertEquals(201, keyPair.statusCode(), "-1 is unlimited: " + keyPair.body());
        call("DELETE", Stack.url() + "/v1/key-pairs/" + json(keyPair).path("id").asText(), member, null);
    }

    @Test
    void aQuotaBelowMinusOneIsA400AndChangesNothing() throws Exception {
        String quotas = "/v1/projects/" + projectId + "/quotas";
        long before = json(call("GET", Stack.url() + quotas, admin, null)).path("instances").path("limit").asLong();
        assertBadField(call("PUT", Stack.url() + quotas, admin, "{\"instances\":-2}"), "instances");
        assertEquals(before, json(call("GET", Stack.url() + quotas, admin, null)).path("instances").path("limit")
                .asLong());
    }

    // ---- size limits answer problem+json like every other error

    @Test
    void aFiveThousandCharacterIdIsA414Problem() throws Exception {
        RawHttp.Response response = RawHttp.send(Stack.API_PORT, "GET", "/v1/servers/" + "x".repeat(5_000),
                Map.of("Authorization", "Bearer " + member), null);
        assertEquals(414, response.status(), response.text());
        assertProblem(response.status(), response.contentType(), response.text());
    }

    @Test
    void aTwentyThousandCharacterHeaderIsA431Problem() throws Exception {
        RawHttp.Response response = RawHttp.send(Stack.API_PORT, "GET", "/v1/servers",
                Map.of("Authorization", "Bearer " + member, "X-Padding", "p".repeat(20_000)), null);
        assertEquals(431, response.status(), response.text());
        assertProblem(response.status(), response.contentType(), response.text());
    }

    /**
     * network-service keeps Quarkus' 10 MiB body limit (api-service and image-service allow 20 GiB, for image
     * uploads): a bigger body is a 413 problem.
     */
    @Test
    void anElevenMebibyteBodyIsA413ProblemAndCreatesNothing() throws Exception {
        String before = list("/v1/networks", member);
        byte[] body = ("{\"name\":\"" + "n".repeat(11 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        RawHttp.Response response = RawHttp.send(Stack.NETWORK_PORT, "POST", "/v1/networks",
                Map.of("Authorization", "Bearer " + member, "Content-Type", "application/json"), body);
        assertEquals(413, response.status(), response.text());
        assertProblem(response.status(), response.contentType(), response.text());
        assertEquals(before, list("/v1/networks", member));
    }

    // ---- projects and users can be deleted by admins

    @Test
    void anAdminDeletesAUser() throws Exception {
        String name = "input-gone-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> user = call("POST", Stack.url() + "/v1/users", admin, "{\"name\":\"" + name
                + "\",\"password\":\"" + name + "-pw\"}");
        assertEquals(201, user.statusCode(), user.body());
        String id = json(user).path("id").asText();
        HttpResponse<String> deleted = call("DELETE", Stack.url() + "/v1/users/" + id, admin, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(404, call("GET", Stack.url() + "/v1/users/" + id, admin, null).statusCode());
        assertEquals(403, call("DELETE", Stack.url() + "/v1/users/" + id, member, null).statusCode(),
                "only admins delete users");
    }

    @Test
    void anAdminDeletesAnEmptyProjectButNotOneThatOwnsResources() throws Exception {
        String name = "input-owner-" + UUID.randomUUID().toString().substring(0, 8);
        String id = TenancyMatrixE2ETest.projectWithUser(admin, name, name + "-user", "member");
        String owner = TenancyMatrixE2ETest.issue(name + "-user", name);
        HttpResponse<String> net = call("POST", Stack.url() + "/v1/networks", owner, "{\"name\":\"kept\"}");
        assertEquals(201, net.statusCode(), net.body());
        HttpResponse<String> refused = call("DELETE", Stack.url() + "/v1/projects/" + id, admin, null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertProblem(409, refused.headers().firstValue("Content-Type").orElse(""), refused.body());
        assertTrue(json(refused).path("detail").asText().contains("network"),
                "the 409 names what the project still owns: " + refused.body());
        assertEquals(200, call("GET", Stack.url() + "/v1/projects/" + id, admin, null).statusCode());

        assertEquals(204, call("DELETE", Stack.url() + "/v1/networks/" + json(net).path("id").asText(), owner, null)
                .statusCode());
        HttpResponse<String> deleted = call("DELETE", Stack.url() + "/v1/projects/" + id, admin, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertEquals(404, call("GET", Stack.url() + "/v1/projects/" + id, admin, null).statusCode());
    }

    // ---- helpers

    private static void assertBadField(HttpResponse<String> response, String field) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertProblem(400, response.headers().firstValue("Content-Type").orElse(""), response.body());
        assertEquals(field, json(response).path("field").asText(), "the problem names the field: "
                + response.body());
    }

    /** A control character in a path id: a 400 problem that says it is the path (no field: it is no body field). */
    private static void assertBadPath(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertProblem(400, response.headers().firstValue("Content-Type").orElse(""), response.body());
        JsonNode problem = json(response);
        assertTrue(problem.path("field").asText().equals("id") || problem.path("detail").asText().contains("path"),
                "the problem says the path is to blame: " + response.body());
    }

    /** A control character in a query value: a 400 problem naming the parameter (as its field or in its detail). */
    private static void assertBadQuery(HttpResponse<String> response, String parameter) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        assertProblem(400, response.headers().firstValue("Content-Type").orElse(""), response.body());
        JsonNode problem = json(response);
        assertTrue(problem.path("field").asText().equals(parameter)
                        || problem.path("detail").asText().contains("'" + parameter + "'"),
                "the problem names the parameter " + parameter + ": " + response.body());
    }

    private static void assertProblem(int status, String contentType, String body) throws Exception {
        assertTrue(contentType.startsWith("application/problem+json"), "Content-Type " + contentType + ": " + body);
        JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertEquals(status, problem.path("status").asInt(), body);
        assertFalse(problem.path("title").asText().isBlank(), body);
    }

    private static String created(String path, String body) throws Exception {
        HttpResponse<String> response = call("POST", Stack.url() + path, member, body);
        assertEquals(201, response.statusCode(), path + ": " + response.body());
        return json(response).path("id").asText();
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = call("GET", Stack.url() + path, member, null);
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    /** A list's ids and names, to compare before and after (status and timestamps aside). */
    private static String list(String path, String token) throws Exception {
        HttpResponse<String> response = call("GET", Stack.url() + path, token, null);
        assertEquals(200, response.statusCode(), response.body());
        List<String> items = new ArrayList<>();
        for (JsonNode field : json(response)) {
            if (field.isArray()) {
                field.forEach(i -> items.add(i.path("id").asText() + "/" + i.path("name").asText()));
            }
        }
        items.sort(null);
        return items.toString();
    }
}
