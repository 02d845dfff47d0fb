package dev.stratus.e2e;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code security_groups} on {@code POST /v1/servers} with the real services and a real guest: a group named at create
 * is resolved by network-service (an unknown or ambiguous name is a 400 that makes no port), the port made for the
 * server carries it, and the agent's firewall lets exactly what the group opens reach the guest: TCP 7 (its probe)
 * from the network's DHCP namespace, not ping. Under the project's default group, which admits only its own members,
 * the probe would not answer.
 */
class ServerSecurityGroupsE2ETest {
    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @Test
    void aServerCreatedInAGroupOpeningOneTcpPortIsReachedOnThatPortOnly() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String net = Guests.network("e2e-sg-create", "10.74.0.0/24", null, null);
        String name = "e2e-tcp7-" + suffix;
        String group = Guests.group(name, List.of(Map.of("protocol", "tcp", "port_range_min", 7,
                "port_range_max", 7, "remote_ip_prefix", "10.74.0.0/24")));
        String twin1 = Guests.group("e2e-twin-" + suffix, List.of());
        String twin2 = Guests.group("e2e-twin-" + suffix, List.of());
        List<String> servers = new ArrayList<>();
        try {
            create("sg-unknown", net, List.of(name, "e2e-no-such-" + suffix)).statusCode(400)
                    .body("field", equalTo("security_groups")).body("detail", containsString("e2e-no-such-" + suffix));
            create("sg-twins", net, List.of("e2e-twin-" + suffix)).statusCode(400)
                    .body("field", equalTo("security_groups")).body("detail", containsString("more than one"));
            given().get("/v1/ports?network_id=" + net).then().statusCode(200)
                    .body("ports.findAll { it.device_owner != 'network:dhcp' }", org.hamcrest.Matchers.empty());

            String server = create("sg-tcp7", net, List.of(name)).statusCode(202)
                    .body("security_groups", equalTo(List.of(Map.of("id", group, "name", name))))
                    .extract().path("id");
            servers.add(server);
            given().get("/v1/ports?device_id=" + server).then().statusCode(200)
                    .body("ports[0].security_groups", equalTo(List.of(group)));
            String ip = Guests.address(server);
            String dhcp = given().get("/v1/ports?network_id=" + net).then().extract()
                    .path("ports.find { it.device_owner == 'network:dhcp' }.fixed_ips[0].ip_address");

            assertTrue(Guests.guestPings(net, ip, dhcp), "TCP 7 reaches the guest's probe (and the group lets the"
                    + " guest send: its ping of the DHCP address is answered)");
            assertFalse(Guests.ping(net, ip), "ICMP to the guest is not in the group: dropped");
        } finally {
            Guests.deleteAll(servers);
        }
        // the server's port goes with it (InstanceDeleted); then the group and the network can go
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/v1/ports?network_id=" + net).then()
                .body("ports.findAll { it.device_owner != 'network:dhcp' }", org.hamcrest.Matchers.empty()));
        for (String id : List.of(group, twin1, twin2)) {
            given().delete("/v1/security-groups/" + id).then().statusCode(204);
        }
        given().delete("/v1/networks/" + net).then().statusCode(204);
    }

    private static ValidatableResponse create(String name, String network, List<String> groups) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "flavor", "m1.tiny",
                "image", "stratus-tiny", "networks", List.of(Map.of("network", network)), "security_groups", groups))
                .post("/v1/servers").then();
    }
}
