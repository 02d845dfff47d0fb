package dev.stratus.e2e;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routers and floating IPs with a real guest: a stratus-tiny server behind a router is reached through its floating
 * IP from the stack's external namespace (the only place "outside the cloud" is, {@code STRATUS_EXTERNAL_NAMESPACE}),
 * exactly as its security group allows (tcp/7 first, ping only once a rule admits it), and reaches the outside from
 * it; a router namespace removed behind the agent's back comes back; deleting the server keeps the floating IP
 * (unassociated, its DNAT gone), and deleting the floating IP and the router leaves no namespace or rule behind.
 */
class FloatingIpE2ETest {
    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @Test
    void aGuestIsReachedThroughItsFloatingIpAndDeletesLeaveNothing() {
        String ext = Stack.env("STRATUS_EXTERNAL_NETWORK");
        String outside = Stack.env("STRATUS_EXTERNAL_NAMESPACE");
        String outsideGateway = given().get("/v1/subnets?network_id=" + ext).then().statusCode(200).extract()
                .path("subnets[0].gateway_ip");
        String net = Guests.network("e2e-fip", "10.75.0.0/24", null, null);
        String subnet = given().get("/v1/subnets?network_id=" + net).then().extract().path("subnets[0].id");
        String group = Guests.group("e2e-fip", List.of(
                Map.of("protocol", "tcp", "port_range_min", 7, "port_range_max", 7, "remote_ip_prefix", "0.0.0.0/0")));
        String router = Guests.created("/v1/routers", Map.of("name", "e2e-router",
                "external_gateway_info", Map.of("network_id", ext)));
        String routerPort = interfaceAction(router, "add-interface", subnet);
        // a port the compute service creates for the server (not the user's own): it goes with the server
        String server = given().contentType(ContentType.JSON).body(Map.of("name", "fip-a", "flavor", "m1.tiny",
                "image", "stratus-tiny", "networks", List.of(Map.of("network", net)))).post("/v1/servers").then()
                .statusCode(202).extract().path("id");
        try {
            String port = given().get("/v1/ports?device_id=" + server).then().extract().path("ports[0].id");
            given().contentType(ContentType.JSON).body(Map.of("security_groups", List.of(group)))
                    .put("/v1/ports/" + port).then().statusCode(200);
            Guests.address(server);
            String floatingIp = Guests.created("/v1/floating-ips", Map.of("floating_network_id", ext, "port_id", port));
            String address = given().get("/v1/floating-ips/" + floatingIp).then().body("port_id", equalTo(port))
                    .extract().path("floating_ip_address");

            long associated = System.nanoTime();
            assertTrue(probe(outside, address, "ping " + outsideGateway).endsWith(" ok"),
                    "the guest, asked through its floating IP (DNAT to its probe), reaches the outside (SNAT)");
            System.out.printf("floating IP associated -> the guest's probe answers from outside: %d ms%n",
                    (System.nanoTime() - associated) / 1_000_000);
            assertFalse(ping(outside, address), "its security group lets tcp/7 in, not ping");
            Guests.created("/v1/security-group-rules", Map.of("security_group_id", group, "direction", "ingress",
                    "protocol", "icmp", "remote_ip_prefix", "0.0.0.0/0"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> ping(outside, address));

            // the router's namespace removed behind the agent's back: its L3 resync builds it again
            HostProbe.exec("ip", "netns", "del", "qrouter-" + router);
            long removed = System.nanoTime();
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ping(outside, address));
            System.out.printf("router namespace deleted -> rebuilt, ping passes again: %d ms%n",
                    (System.nanoTime() - removed) / 1_000_000);
            given().get("/v1/servers/" + server).then().statusCode(200)
                    .body("addresses.'e2e-fip'.find { it.type == 'floating' }.addr", equalTo(address));

            Guests.deleteAll(List.of(server));
            // network-service lets go of the server's ports when it consumes InstanceDeleted: after the 404, soon
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    given().get("/v1/floating-ips/" + floatingIp).then().statusCode(200).body("port_id", nullValue())
                            .body("status", equalTo("DOWN")).body("floating_ip_address", equalTo(address)));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertFalse(
                    nat(router).contains(address), "no DNAT of " + address + " left: " + nat(router)));
            assertFalse(ping(outside, address), "nothing answers the unassociated floating IP");

            given().delete("/v1/floating-ips/" + floatingIp).then().statusCode(204);
            interfaceAction(router, "remove-interface", subnet);
            given().delete("/v1/routers/" + router).then().statusCode(204);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertFalse(
                    HostProbe.exec("ip", "netns", "list").out().contains("qrouter-" + router),
                    "the router's namespace is gone"));
            assertFalse(HostProbe.exec("ip", "-o", "link", "show").out().contains(" rp"
                    + routerPort.replace("-", "").substring(0, 11)), "no router port left on the network's bridge");
        } finally {
            Guests.deleteAll(List.of(server));
        }
        for (String left : given().get("/v1/ports?network_id=" + net).then().extract()
                .<List<String>>path("ports.findAll { it.device_owner != 'network:dhcp' }.id")) {
            given().delete("/v1/ports/" + left).then().statusCode(204);
        }
        given().delete("/v1/networks/" + net).then().statusCode(204);
    }

    /** add-interface or remove-interface by subnet; the interface's port id. */
    private static String interfaceAction(String router, String action, String subnet) {
        return given().contentType(ContentType.JSON).body(Map.of("subnet_id", subnet))
                .post("/v1/routers/" + router + "/actions/" + action).then().statusCode(200).extract().path("port_id");
    }

    /** The router namespace's NAT table. */
    private static String nat(String router) {
        return HostProbe.exec("ip", "netns", "exec", "qrouter-" + router, "iptables-save", "-t", "nat").out();
    }

    /** One ping from the external namespace. */
    private static boolean ping(String outside, String address) {
        Guests.Run run = Guests.run(List.of("ip", "netns", "exec", outside, "busybox", "ping", "-c", "1", "-W", "1",
                address), null, 5);
        if (!run.out().contains("PING " + address)) {
            throw new AssertionError("ping did not run in " + outside + ": " + run.out());
        }
        return run.code() == 0;
    }

    /** One request to the guest's probe (TCP port 7) through its floating IP, from the external namespace. */
    private static String probe(String outside, String address, String request) {
        String[] answer = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Guests.Run run = Guests.run(List.of("ip", "netns", "exec", outside, "busybox", "nc", "-w", "3", address,
                    "7"), request + "\n", 10);
            answer[0] = run.out().strip();
            return answer[0].startsWith("STRATUS-PROBE " + request);
        });
        System.out.printf("guest at %s: %s%n", address, answer[0]);
        return answer[0];
    }
}
