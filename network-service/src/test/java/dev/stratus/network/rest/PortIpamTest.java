package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** IPAM through the API: distinct addresses under concurrency, a full subnet, reuse, and deletes in use. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class PortIpamTest {
    @org.junit.jupiter.api.BeforeEach
    void authenticate() {
        Tokens.use(TestTokens.member("ipam-test"));
    }

    @org.junit.jupiter.api.AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void hundredParallelPortsGetHundredDistinctAddresses() throws Exception {
        String network = network("race");
        subnet(network, "10.10.0.0/24");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> ips = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ips.add(pool.submit(() -> given().contentType(ContentType.JSON).body(Map.of("network_id", network))
                    .post("/v1/ports").then().statusCode(201).extract().<String>path("fixed_ips[0].ip_address")));
        }
        Set<String> distinct = new HashSet<>();
        for (Future<String> ip : ips) {
            distinct.add(ip.get());
        }
        pool.shutdown();
        assertEquals(100, distinct.size(), "every port got its own address: " + distinct);
        given().get("/v1/ports?network_id=" + network).then().body("ports", hasSize(101)); // + the DHCP port
    }

    @Test
    void fullSubnetIs409AndADeletedPortsAddressIsReused() {
        String network = network("small");
        subnet(network, "10.20.0.0/29"); // .1 gateway, .2-.6 pool: DHCP port + 4
        List<String> ports = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ports.add(port(network));
        }
        given().contentType(ContentType.JSON).body(Map.of("network_id", network)).post("/v1/ports")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("full"));
        String freed = given().get("/v1/ports/" + ports.get(1)).then().extract().path("fixed_ips[0].ip_address");
        given().delete("/v1/ports/" + ports.get(1)).then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("network_id", network)).post("/v1/ports")
                .then().statusCode(201).body("fixed_ips[0].ip_address", equalTo(freed));

        given().delete("/v1/networks/" + network).then().statusCode(409).body("detail", containsString("port"));
    }

    @Test
    void emptyNetworkWithSubnetDeletesAndBindingNamesTheDhcpServer() {
        String network = network("bound");
        subnet(network, "10.30.0.0/24");
        String port = port(network);
        Tokens.as(TestTokens.service()).get("/internal/v1/ports/" + port + "/binding").then().statusCode(200)
                .body("ip_address", equalTo("10.30.0.3")).body("dhcp_server_ip", equalTo("10.30.0.2"))
                .body("gateway_ip", equalTo("10.30.0.1")).body("cidr", equalTo("10.30.0.0/24"));
        Tokens.as(TestTokens.service()).get("/internal/v1/ports/" + port + "/firewall").then().statusCode(200)
                .body("rules.size()", equalTo(4))
                .body("rules.find { it.direction == 'ingress' && it.ethertype == 'IPv4' }.remote_ip_prefixes",
                        equalTo(List.of("10.30.0.3/32")));
        given().delete("/v1/ports/" + port).then().statusCode(204);
        given().delete("/v1/networks/" + network).then().statusCode(204);
    }

    @Test
    void badSubnetsNameTheField() {
        String network = network("bad");
        given().contentType(ContentType.JSON).body(Map.of("network_id", network, "cidr", "10.0.0.1/24"))
                .post("/v1/subnets").then().statusCode(400).body("field", equalTo("cidr"));
        given().contentType(ContentType.JSON).body(Map.of("network_id", network, "cidr", "10.0.0.0/24",
                "gateway_ip", "10.0.1.1")).post("/v1/subnets").then().statusCode(400).body("field", equalTo("gateway_ip"));
    }

    static String network(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/v1/networks")
                .then().statusCode(201).extract().path("id");
    }

    static String subnet(String network, String cidr) {
        return given().contentType(ContentType.JSON).body(Map.of("network_id", network, "cidr", cidr))
                .post("/v1/subnets").then().statusCode(201).extract().path("id");
    }

    static String port(String network) {
        return given().contentType(ContentType.JSON).body(Map.of("network_id", network)).post("/v1/ports")
                .then().statusCode(201).extract().path("id");
    }
}
