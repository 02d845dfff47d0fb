package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.stratus.e2e.TenancyMatrixE2ETest.call;
import static dev.stratus.e2e.TenancyMatrixE2ETest.json;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * network-service in the whole stack: its quotas are the limits an admin sets in api-service (read with its own
 * service user), and a server created without {@code networks} gets a port on its project's {@code default} network.
 */
class NetworkTenancyE2ETest {
    private static String admin;
    private static String projectId;
    private static String member;

    @BeforeAll
    static void setUp() throws Exception {
        Stack.up();
        admin = Stack.adminToken();
        // a project of its own per run: the stack's database outlives a run
        String project = "net-tenancy-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        projectId = TenancyMatrixE2ETest.projectWithUser(admin, project, project + "-user", "member");
        member = TenancyMatrixE2ETest.issue(project + "-user", project);
    }

    @Test
    void networkAndPortQuotasAreTheLimitsSetInApiService() throws Exception {
        quotas("{\"networks\": 1, \"ports\": 1}");
        String net = created("/v1/networks", "{\"name\":\"quota-net\"}");
        HttpResponse<String> second = post("/v1/networks", "{\"name\":\"one-too-many\"}");
        assertEquals(409, second.statusCode(), second.body());
        assertEquals("networks", json(second).path("field").asText());
        created("/v1/subnets", "{\"network_id\":\"" + net + "\",\"cidr\":\"10.88.0.0/24\"}");
        String port = created("/v1/ports", "{\"network_id\":\"" + net + "\"}");
        HttpResponse<String> server = post("/v1/servers", "{\"name\":\"over-ports\",\"flavor\":\"m1.tiny\","
                + "\"image\":\"stratus-tiny\",\"networks\":[{\"network\":\"" + net + "\"}]}");
        assertEquals(409, server.statusCode(), "the server's port is over the ports quota: " + server.body());
        assertEquals("ports", json(server).path("field").asText());
        assertEquals(0, json(call("GET", Stack.url() + "/v1/servers", member, null)).path("servers").size());

        assertEquals(204, call("DELETE", Stack.url() + "/v1/ports/" + port, member, null).statusCode());
        assertEquals(204, call("DELETE", Stack.url() + "/v1/networks/" + net, member, null).statusCode());
        String freed = created("/v1/networks", "{\"name\":\"freed\"}"); // usage went down with the delete
        assertEquals(204, call("DELETE", Stack.url() + "/v1/networks/" + freed, member, null).statusCode());
        quotas("{\"networks\": 10, \"ports\": 50}");
    }

    @Test
    void aServerWithoutNetworksGetsAPortOnTheProjectsDefaultNetwork() throws Exception {
        quotas("{\"networks\": 10, \"ports\": 50}");
        String net = created("/v1/networks", "{\"name\":\"default\"}");
        created("/v1/subnets", "{\"network_id\":\"" + net + "\",\"cidr\":\"10.89.0.0/24\"}");
        String server = json(post("/v1/servers", "{\"name\":\"defaulted\",\"flavor\":\"m1.tiny\","
                + "\"image\":\"stratus-tiny\"}")).path("id").asText();
        JsonNode ports = json(call("GET", Stack.url() + "/v1/ports?device_id=" + server, member, null)).path("ports");
        assertEquals(1, ports.size(), ports.toString());
        assertEquals(net, ports.get(0).path("network_id").asText());
        assertEquals("compute:stratus", ports.get(0).path("device_owner").asText());

        assertEquals(202, call("DELETE", Stack.url() + "/v1/servers/" + server, member, null).statusCode());
        await().atMost(Duration.ofSeconds(90)).until(() ->
                call("GET", Stack.url() + "/v1/servers/" + server, member, null).statusCode() == 404);
        await().atMost(Duration.ofSeconds(30)).until(() -> json(call("GET", Stack.url() + "/v1/ports?device_id="
                + server, member, null)).path("ports").size() == 0);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                call("DELETE", Stack.url() + "/v1/networks/" + net, member, null).statusCode() == 204);
    }

    private static void quotas(String body) throws Exception {
        HttpResponse<String> set = call("PUT", Stack.url() + "/v1/projects/" + projectId + "/quotas", admin, body);
        assertEquals(200, set.statusCode(), set.body());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return call("POST", Stack.url() + path, member, body);
    }

    private static String created(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, body);
        assertEquals(201, response.statusCode(), path + ": " + response.body());
        return json(response).path("id").asText();
    }
}
