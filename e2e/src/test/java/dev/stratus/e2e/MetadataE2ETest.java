package dev.stratus.e2e;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.stratus.e2e.Guests.address;
import static dev.stratus.e2e.Guests.group;
import static dev.stratus.e2e.Guests.network;
import static dev.stratus.e2e.Guests.run;
import static dev.stratus.e2e.Guests.server;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metadata service of the running stack, asked from the network where a server's guest sits: the server is
 * created through the API (the test image cannot fetch over HTTP), stopped, and a namespace takes its place on the
 * network's bridge with its port's tap name, MAC and address, as the guest would have asked. Traffic goes only to
 * 169.254.169.254 inside that namespace and the network's own.
 */
class MetadataE2ETest {
    @BeforeAll
    static void startStack() {
        Stack.up();
        RestAssured.baseURI = Stack.url();
        RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + Stack.token()).build();
    }

    @Test
    void aServersPortReadsThatServersMetadataThroughItsNetworksProxy() {
        String net = network("e2e-metadata", "10.79.0.0/24", null, null);
        String group = group("e2e-metadata", List.of());
        List<String> servers = new ArrayList<>();
        String namespace = "mde-" + net.substring(0, 8);
        try {
            String id = server("metadata-a", net, group);
            servers.add(id);
            String ip = address(id);
            given().contentType(ContentType.JSON).body(Map.of("force", true))
                    .post("/v1/servers/" + id + "/actions/stop").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().get("/v1/servers/" + id).then().body("status", equalTo("STOPPED"))
                            .body("task_state", nullValue()));
            var port = given().get("/v1/ports?device_id=" + id).then().extract().jsonPath();
            String portId = port.getString("ports[0].id");
            String mac = port.getString("ports[0].mac_address");
            String dhcp = given().get("/v1/ports?network_id=" + net).then().extract()
                    .path("ports.find { it.device_owner == 'network:dhcp' }.fixed_ips[0].ip_address");

            String tap = "tap" + portId.replace("-", "").substring(0, 11);
            String bridge = "brq" + net.replace("-", "").substring(0, 11);
            ok(List.of("ip", "netns", "add", namespace));
            ok(List.of("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", namespace));
            ok(List.of("ip", "link", "set", tap, "master", bridge, "up"));
            ok(in(namespace, "ip", "link", "set", "eth0", "address", mac, "up"));
            ok(in(namespace, "ip", "addr", "add", ip + "/24", "dev", "eth0"));
            ok(in(namespace, "ip", "route", "add", "169.254.169.254/32", "via", dhcp));

            String meta = curl(namespace, "/openstack/latest/meta_data.json");
            assertTrue(meta.contains("\"uuid\" : \"" + id + "\""), meta);
            String ec2Id = "i-" + id.replace("-", "").substring(0, 17);
            assertEquals(ec2Id, curl(namespace, "/latest/meta-data/instance-id"));
            assertEquals(ip, curl(namespace, "/latest/meta-data/local-ipv4"));
            assertEquals("m1.tiny", curl(namespace, "/latest/meta-data/instance-type"));
            String token = curl(namespace, "/latest/api/token", "-X", "PUT",
                    "-H", "X-aws-ec2-metadata-token-ttl-seconds: 60");
            assertEquals(ec2Id, curl(namespace, "/latest/meta-data/instance-id", "-H",
                    "X-aws-ec2-metadata-token: " + token));

            // the agent's own port has no metadata routes, whatever a caller claims
            String direct = run(List.of("curl", "-s", "-H", "X-Stratus-Network-Id: " + net, "-H",
                    "X-Forwarded-For: " + ip, "-w", "\n%{http_code}",
                    "http://localhost:" + Stack.AGENT_PORT + "/latest/meta-data/instance-id"), null, 10).out();
            assertTrue(direct.endsWith("\n404"), direct);
            assertFalse(direct.contains(ec2Id));
        } finally {
            run(List.of("ip", "netns", "del", namespace), null, 10);
            Guests.deleteAll(servers);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertFalse(
                run(List.of("ps", "-eo", "args"), null, 10).out().contains("dhcp/" + net + "/haproxy.cfg"),
                "the network's metadata proxy is gone with its last port"));
    }

    private static List<String> in(String namespace, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return full;
    }

    private static void ok(List<String> command) {
        Guests.Run result = run(command, null, 10);
        assertEquals(0, result.code(), command + ": " + result.out());
    }

    /** The body of a 200 answer from the metadata service, asked from inside {@code namespace}. */
    private static String curl(String namespace, String path, String... options) {
        List<String> command = in(namespace, "curl", "-s", "-m", "5", "-w", "\n%{http_code}");
        command.addAll(List.of(options));
        command.add("http://169.254.169.254" + path);
        String out = run(command, null, 10).out();
        assertTrue(out.endsWith("\n200"), path + ": " + out);
        return out.substring(0, out.lastIndexOf('\n'));
    }
}
