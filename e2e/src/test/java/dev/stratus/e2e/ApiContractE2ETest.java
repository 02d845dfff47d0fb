package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract test of {@code openapi/stratus.yaml}: every operation of the public document is called through
 * {@code STRATUS_URL}, with a valid request and with the usual bad ones (no token, a reader's or member's token on
 * an admin route, an unknown id, a malformed or wrong-typed body, a state that forbids it), and every answer is held
 * to the document by {@link ContractDocument}: a status it does not declare, a body that does not match the
 * declared schema (members it does not name included), a missing {@code Location}, fail the test. The last test
 * fails when an operation of the document was never called, so a new route cannot escape.
 * Not provoked here: 413 (an image over the limit: ImageQuotaE2ETest), 429 and 503 (FaultsE2ETest); the server
 * actions that need a long guest lifecycle (resize, rebuild, suspend) are called in a state that refuses them (409),
 * their successes are LifecycleE2ETest's and ResizeE2ETest's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiContractE2ETest {
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000, 36);
    private static ContractDocument doc;
    private static String member;
    private static String admin;
    private static String demoProject;

    @BeforeAll
    static void start() {
        Stack.up();
        doc = ContractDocument.load();
        member = Stack.token();
        admin = Stack.adminToken();
        demoProject = call("GET", "/v1/auth/tokens/self").token(member).expect(200).path("project_id").asText();
    }

    private static ContractCall call(String method, String path) {
        return ContractCall.to(doc, method, path);
    }

    private static String missing() {
        return UUID.randomUUID().toString();
    }

    @Test
    @Order(1)
    void identity() {
        JsonNode token = call("POST", "/v1/auth/tokens").json(Map.of("user", Stack.env("STRATUS_USER"),
                "password", Stack.env("STRATUS_PASSWORD"), "project", Stack.env("STRATUS_PROJECT"))).expect(201);
        assertTrue(token.path("token").asText().contains("."));
        call("POST", "/v1/auth/tokens").json(Map.of("user", Stack.env("STRATUS_USER"), "password", "wrong-password",
                "project", Stack.env("STRATUS_PROJECT"))).send(401);
        call("POST", "/v1/auth/tokens").body("application/json", "{\"user\": ").send(400);
        call("POST", "/v1/auth/tokens").body("text/plain", "user=demo").send(415);
        call("GET", "/v1/auth/tokens/self").send(401);
        call("GET", "/v1/auth/keys").expect(200);

        JsonNode credential = call("POST", "/v1/application-credentials").token(member)
                .json(Map.of("name", "contract-" + RUN)).expect(201);
        call("GET", "/v1/application-credentials").token(member).expect(200);
        call("DELETE", "/v1/application-credentials/" + credential.path("id").asText()).token(member).send(204);
        call("DELETE", "/v1/application-credentials/" + credential.path("id").asText()).token(member).send(404);

        call("POST", "/v1/admin/signing-keys/rotate").token(member).send(403);
        call("POST", "/v1/admin/signing-keys/rotate").token(admin).expect(200);
    }

    @Test
    @Order(2)
    void flavorsAndKeyPairs() {
        JsonNode flavors = call("GET", "/v1/flavors").token(member).expect(200);
        call("GET", "/v1/flavors/" + flavors.path("flavors").get(0).path("id").asText()).token(member).expect(200);
        call("GET", "/v1/flavors/no-such-flavor").token(member).send(404);
        call("GET", "/v1/flavors").send(401);

        String name = "contract-" + RUN;
        JsonNode pair = call("POST", "/v1/key-pairs").token(member).header("Idempotency-Key", "kp-" + RUN)
                .json(Map.of("name", name)).expect(201);
        assertTrue(pair.has("private_key"), "a generated key pair carries its private key once");
        call("POST", "/v1/key-pairs").token(member).header("Idempotency-Key", "kp-" + RUN)
                .json(Map.of("name", name)).expect(201);
        call("POST", "/v1/key-pairs").token(member).header("Idempotency-Key", "kp-" + RUN)
                .json(Map.of("name", name + "-other")).send(409);
        call("POST", "/v1/key-pairs").token(member).json(Map.of("name", name)).send(409);
        call("POST", "/v1/key-pairs").token(member).json(Map.of("name", name + "-x", "public_key", "not a key"))
                .send(400);
        call("GET", "/v1/key-pairs").token(member).expect(200);
        call("GET", "/v1/key-pairs/" + pair.path("id").asText()).token(member).expect(200);
        call("DELETE", "/v1/key-pairs/" + pair.path("id").asText()).token(member).send(204);
        call("GET", "/v1/key-pairs/" + pair.path("id").asText()).token(member).send(404);
    }

    @Test
    @Order(3)
    void projectsUsersAndQuotas() {
        call("GET", "/v1/projects").token(member).send(403);
        call("GET", "/v1/projects").token(admin).expect(200);
        JsonNode project = call("POST", "/v1/projects").token(admin)
                .json(Map.of("name", "contract-" + RUN, "description", "contract test")).expect(201);
        String id = project.path("id").asText();
        call("POST", "/v1/projects").token(admin).json(Map.of("name", "contract-" + RUN)).send(409);
        call("GET", "/v1/projects/" + id).token(admin).expect(200);
        call("GET", "/v1/projects/" + missing()).token(admin).send(404);

        call("GET", "/v1/users").token(admin).expect(200);
        JsonNode user = call("POST", "/v1/users").token(admin)
                .json(Map.of("name", "contract-" + RUN, "password", "contract-password-" + RUN)).expect(201);
        String userId = user.path("id").asText();
        call("POST", "/v1/users").token(admin).json(Map.of("name", "short-" + RUN, "password", "x")).send(400);
        call("GET", "/v1/users/" + userId).token(admin).expect(200);
        call("PATCH", "/v1/users/" + userId).token(admin).json(Map.of("enabled", false)).expect(200);
        call("PATCH", "/v1/users/" + userId).token(admin).json(Map.of("enabled", true)).expect(200);

        call("PUT", "/v1/projects/" + id + "/members").token(admin).json(Map.of("user", userId, "role", "member"))
                .send(204);
        call("GET", "/v1/projects/" + id + "/members").token(admin).expect(200);
        call("DELETE", "/v1/projects/" + id + "/members/" + userId + "/member").token(admin).send(204);
        call("DELETE", "/v1/projects/" + id + "/members/" + userId + "/member").token(admin).send(404);

        call("GET", "/v1/projects/" + demoProject + "/quotas").token(member).expect(200);
        call("GET", "/v1/projects/" + id + "/quotas?usage=false").token(admin).expect(200);
        call("PUT", "/v1/projects/" + id + "/quotas").token(admin).json(Map.of("instances", 5)).expect(200);
        call("PUT", "/v1/projects/" + id + "/quotas").token(admin).json(Map.of()).send(400);
        call("PUT", "/v1/projects/" + id + "/quotas").token(member).json(Map.of("instances", 5)).send(403);
        call("GET", "/v1/projects/" + id + "/server-ttl").token(admin).expect(200);
        call("PUT", "/v1/projects/" + id + "/server-ttl").token(admin)
                .json(Map.of("default_ttl_seconds", 3600, "max_ttl_seconds", 86400)).expect(200);

        call("DELETE", "/v1/users/" + userId).token(member).send(403);
        call("DELETE", "/v1/users/" + userId).token(admin).send(204);
        call("DELETE", "/v1/users/" + userId).token(admin).send(404);
        String adminProject = call("GET", "/v1/auth/tokens/self").token(admin).expect(200).path("project_id").asText();
        call("DELETE", "/v1/projects/" + adminProject).token(admin).send(409); // the caller's own project
        call("DELETE", "/v1/projects/" + id).token(admin).send(204);
        call("DELETE", "/v1/projects/" + id).token(admin).send(404);
    }

    @Test
    @Order(4)
    void images() {
        call("POST", "/v1/images").token(member).json(Map.of("name", "c", "disk_format", "floppy",
                "container_format", "bare")).send(400);
        JsonNode image = call("POST", "/v1/images").token(member).json(Map.of("name", "contract-" + RUN,
                "disk_format", "raw", "container_format", "bare")).expect(201);
        String id = image.path("id").asText();
        String path = "/v1/images/" + id;
        call("GET", "/v1/images?limit=1").token(member).expect(200);
        call("GET", "/v1/images?limit=0").token(member).send(400);
        call("GET", path).token(member).expect(200);
        call("GET", "/v1/images/" + missing()).token(member).send(404);
        call("PATCH", path).token(member).body("application/merge-patch+json", "{\"name\": \"contract-" + RUN
                + "-renamed\", \"visibility\": \"shared\"}").expect(200);
        call("PUT", path + "/tags/contract").token(member).expect(200);
        call("DELETE", path + "/tags/contract").token(member).expect(200);
        call("GET", path + "/file").token(member).send(409); // no data yet
        call("PUT", path + "/file").token(member).body("text/plain", "data").send(415);
        byte[] data = new byte[1024 * 1024];
        call("PUT", path + "/file").token(member).body("application/octet-stream", data).expect(200);
        call("PUT", path + "/file").token(member).body("application/octet-stream", data).send(409);
        HttpResponse<byte[]> whole = call("GET", path + "/file").token(member).send(200);
        assertEquals(data.length, whole.body().length);
        call("HEAD", path + "/file").token(member).send(200);
        call("GET", path + "/file").token(member).header("Range", "bytes=0-9").send(206);
        call("GET", path + "/file").token(member).header("Range", "bytes=99999999-").send(416);

        String other = call("POST", "/v1/projects").token(admin).json(Map.of("name", "contract-share-" + RUN))
                .expect(201).path("id").asText();
        call("POST", path + "/members").token(member).json(Map.of("member", other)).expect(200);
        call("GET", path + "/members").token(member).expect(200);
        call("DELETE", path + "/members/" + other).token(member).send(204);
        call("DELETE", path + "/members/" + other).token(member).send(404);

        call("POST", path + "/actions/deactivate").token(member).expect(200);
        call("GET", path + "/file").token(member).send(409);
        call("POST", path + "/actions/reactivate").token(member).expect(200);
        call("POST", "/v1/images/" + missing() + "/actions/reactivate").token(member).send(404);
        call("DELETE", path).token(member).send(204);
        call("DELETE", path).token(member).send(404);
    }

    @Test
    @Order(5)
    void networks() {
        String external = Stack.env("STRATUS_EXTERNAL_NETWORK");
        call("POST", "/v1/networks").token(member).body("text/plain", "name=x").send(415);
        call("POST", "/v1/networks").token(member).json(Map.of("name", "c", "no_such_member", 1)).send(400);
        JsonNode network = call("POST", "/v1/networks").token(member).header("Idempotency-Key", "net-" + RUN)
                .json(Map.of("name", "contract-" + RUN)).expect(201);
        String net = network.path("id").asText();
        call("GET", "/v1/networks?limit=2").token(member).expect(200);
        call("GET", "/v1/networks/" + net).token(member).expect(200);
        call("GET", "/v1/networks/" + missing()).token(member).send(404);
        call("PUT", "/v1/networks/" + net).token(member).json(Map.of("name", "contract-" + RUN + "-b")).expect(200);

        String subnet = call("POST", "/v1/subnets").token(member).json(Map.of("network_id", net,
                "cidr", "10.213.7.0/24", "ip_version", 4)).expect(201).path("id").asText();
        call("POST", "/v1/subnets").token(member).json(Map.of("network_id", net, "cidr", "not-a-cidr")).send(400);
        call("GET", "/v1/subnets").token(member).expect(200);
        call("GET", "/v1/subnets/" + subnet).token(member).expect(200);

        String port = call("POST", "/v1/ports").token(member).json(Map.of("network_id", net)).expect(201)
                .path("id").asText();
        call("GET", "/v1/ports").token(member).expect(200);
        call("GET", "/v1/ports/" + port).token(member).expect(200);
        call("PUT", "/v1/ports/" + port).token(member).json(Map.of("name", "contract-port")).expect(200);

        String group = call("POST", "/v1/security-groups").token(member).json(Map.of("name", "contract-" + RUN))
                .expect(201).path("id").asText();
        call("GET", "/v1/security-groups").token(member).expect(200);
        call("GET", "/v1/security-groups/" + group).token(member).expect(200);
        String rule = call("POST", "/v1/security-group-rules").token(member).json(Map.of("security_group_id", group,
                "direction", "ingress", "ethertype", "IPv4", "protocol", "tcp", "port_range_min", 22,
                "port_range_max", 22, "remote_ip_prefix", "0.0.0.0/0")).expect(201).path("id").asText();
        call("POST", "/v1/security-group-rules").token(member).json(Map.of("security_group_id", group,
                "direction", "sideways")).send(400);
        call("GET", "/v1/security-group-rules").token(member).expect(200);
        call("GET", "/v1/security-group-rules/" + rule).token(member).expect(200);
        call("DELETE", "/v1/security-group-rules/" + rule).token(member).send(204);

        String router = call("POST", "/v1/routers").token(member).json(Map.of("name", "contract-" + RUN,
                "external_gateway_info", Map.of("network_id", external))).expect(201).path("id").asText();
        call("GET", "/v1/routers").token(member).expect(200);
        call("GET", "/v1/routers/" + router).token(member).expect(200);
        call("PUT", "/v1/routers/" + router).token(member).json(Map.of("name", "contract-" + RUN + "-b")).expect(200);
        call("POST", "/v1/routers/" + router + "/actions/add-interface").token(member)
                .json(Map.of("subnet_id", subnet)).expect(200);
        call("DELETE", "/v1/routers/" + router).token(member).send(409); // it has an interface

        String floating = call("POST", "/v1/floating-ips").token(member).json(Map.of("floating_network_id",
                external)).expect(201).path("id").asText();
        call("POST", "/v1/floating-ips").token(member).json(Map.of("floating_network_id", net)).send(400);
        call("GET", "/v1/floating-ips").token(member).expect(200);
        call("GET", "/v1/floating-ips/" + floating).token(member).expect(200);
        Map<String, Object> disassociate = new HashMap<>();
        disassociate.put("port_id", null);
        call("PUT", "/v1/floating-ips/" + floating).token(member).json(disassociate).expect(200);
        call("DELETE", "/v1/floating-ips/" + floating).token(member).send(204);

        call("POST", "/v1/routers/" + router + "/actions/remove-interface").token(member)
                .json(Map.of("subnet_id", subnet)).expect(200);
        call("DELETE", "/v1/routers/" + router).token(member).send(204);
        call("DELETE", "/v1/ports/" + port).token(member).send(204);
        call("DELETE", "/v1/security-groups/" + group).token(member).send(204);
        call("DELETE", "/v1/subnets/" + subnet).token(member).send(204);
        call("DELETE", "/v1/networks/" + net).token(member).send(204);
        call("DELETE", "/v1/networks/" + net).token(member).send(404);
    }

    @Test
    @Order(6)
    void servers() {
        call("POST", "/v1/servers").token(member).json(Map.of("name", "c-" + RUN, "flavor", "no-such-flavor",
                "image", "stratus-tiny")).send(400);
        String unknown = "/v1/servers/" + missing();
        call("GET", unknown).token(member).send(404);
        call("GET", unknown + "/console").token(member).send(404);
        call("GET", unknown + "/actions").token(member).send(404);
        call("POST", unknown + "/actions/snapshot").token(member).json(Map.of("name", "x")).send(404);

        HttpResponse<byte[]> created = call("POST", "/v1/servers").token(member)
                .header("Idempotency-Key", "srv-" + RUN)
                .json(Map.of("name", "contract-" + RUN, "flavor", "m1.tiny", "image", "stratus-tiny")).send(202);
        String id = json(created).path("id").asText();
        String path = "/v1/servers/" + id;
        call("GET", "/v1/servers?name=contract-" + RUN + "&limit=5").token(member).expect(200);
        call("GET", "/v1/servers?sort_key=nonsense").token(member).send(400);
        call("PATCH", path).token(member).body("application/merge-patch+json", "{\"name\": \"contract-" + RUN
                + "-b\"}").expect(200);
        call("PATCH", path).token(member).body("application/merge-patch+json", "{\"host\": \"elsewhere\"}")
                .send(400);
        await().atMost(Servers.BOOT).pollInterval(Duration.ofSeconds(1)).until(() -> call("GET", path)
                .token(member).expect(200).path("status").asText().equals("ACTIVE"));
        call("GET", path + "/console?tail_bytes=4096").token(member).send(200);
        // states that refuse an action: a 409 problem naming it
        for (String refused : List.of("start", "unpause", "resume", "confirm-resize", "revert-resize")) {
            call("POST", path + "/actions/" + refused).token(member).send(409);
        }
        call("POST", path + "/actions/reboot").token(member).json(Map.of("type", "sideways")).send(400);
        call("POST", path + "/actions/resize").token(member).json(Map.of("flavor", "no-such-flavor")).send(400);
        call("POST", path + "/actions/stop").token(member).body("text/plain", "now").send(415);
        call("POST", path + "/actions/reboot").token(member).json(Map.of("type", "hard")).send(202);
        awaitSettled(path);
        call("POST", path + "/actions/pause").token(member).send(202);
        awaitSettled(path);
        call("POST", path + "/actions/suspend").token(member).send(409); // a paused server is not suspended
        call("POST", path + "/actions/unpause").token(member).send(202);
        awaitSettled(path);
        call("POST", path + "/actions/stop").token(member).json(Map.of("force", true)).send(202);
        awaitSettled(path);
        call("POST", path + "/actions/stop").token(member).send(409);
        call("POST", path + "/actions/rebuild").token(member).json(Map.of("image", "no-such-image")).send(400);
        call("POST", path + "/actions/start").token(member).send(202);
        awaitSettled(path);
        call("GET", path + "/actions").token(member).expect(200);
        // the project's event feed: a page, the next one with a long poll, a bad cursor and a bad wait_seconds
        String next = call("GET", "/v1/events?limit=5").token(member).expect(200).path("next").asText();
        call("GET", "/v1/events?since=" + next + "&limit=1000&wait_seconds=1").token(member).expect(200);
        call("GET", "/v1/events?since=not-a-cursor").token(member).send(400);
        call("GET", "/v1/events?wait_seconds=31").token(member).send(400);
        call("GET", "/v1/events").send(401);
        call("DELETE", path).token(member).send(202);
        await().atMost(Servers.ACTION).pollInterval(Duration.ofSeconds(1))
                .until(() -> call("GET", path).token(member).send().statusCode() == 404);
    }

    private static void awaitSettled(String path) {
        await().atMost(Servers.ACTION).pollInterval(Duration.ofMillis(500)).until(() -> call("GET", path)
                .token(member).expect(200).path("task_state").isNull());
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return ContractCall.JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of the document was called above, or is a known gap named here with its reason. */
    @Test
    @Order(99)
    void everyOperationWasCalled() {
        Set<String> uncalled = new TreeSet<>(doc.operationIds());
        uncalled.removeAll(doc.called().keySet());
        // the snapshot of a running server makes an image and takes a minute: DiskImageE2ETest; here only its 404
        assertTrue(uncalled.isEmpty(), "operations of openapi/stratus.yaml no test called: " + uncalled
                + " (called: " + doc.called() + ")");
        long succeeded = doc.called().values().stream().filter(s -> s.stream().anyMatch(c -> c < 300)).count();
        System.out.printf("contract: %d operations called, %d with a success, statuses %s%n",
                doc.called().size(), succeeded, doc.called());
    }
}
