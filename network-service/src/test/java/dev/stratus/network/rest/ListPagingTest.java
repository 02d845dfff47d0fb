package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.stratus.network.rest.PortIpamTest.network;
import static dev.stratus.network.rest.PortIpamTest.subnet;
import static dev.stratus.network.rest.Tokens.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every list route pages (keyset: followed to the end, no item skipped or repeated), sorts, filters, and answers
 * what it does not understand with a 400 naming the parameter.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class ListPagingTest {
    private static final List<String> NAMES = List.of("delta", "alpha", "echo", "bravo", "charlie");
    private String project;

    @BeforeEach
    void ownProject() {
        project = "list-" + UUID.randomUUID().toString().substring(0, 8);
        Tokens.use(TestTokens.member(project));
    }

    @AfterEach
    void forgetToken() {
        Tokens.forget();
    }

    @Test
    void networksPageSortAndFilter() {
        List<String> created = new ArrayList<>();
        for (String name : NAMES) {
            created.add(network(name));
        }
        // shared networks of other projects are listed too: project_id keeps this test's own
        assertEquals(created, follow("/v1/networks?project_id=" + project + "&limit=2", 3, "networks"));
        assertEquals(List.of("echo", "delta", "charlie"), names("/v1/networks?project_id=" + project
                + "&sort_key=name&sort_dir=desc&limit=3", "networks"));
        String next = given().get("/v1/networks?project_id=" + project + "&sort_key=name&sort_dir=desc&limit=3")
                .then().extract().path("next");
        given().get(next).then().statusCode(200).body("networks.name", equalTo(List.of("bravo", "alpha")))
                .body("next", nullValue());
        given().get("/v1/networks?name=alpha&project_id=" + project).then().statusCode(200)
                .body("networks.id", equalTo(List.of(created.get(1))));
        given().get("/v1/networks?shared=true&project_id=" + project).then().body("networks.size()", equalTo(0));
        given().get("/v1/networks?project_id=" + project).then().body("networks.size()", equalTo(5))
                .body("next", nullValue());
    }

    @Test
    void subnetsPageSortAndFilter() {
        List<String> created = new ArrayList<>();
        List<String> networks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            networks.add(network("subnets-" + i));
            created.add(subnet(networks.get(i), "10.7" + i + ".0.0/24"));
        }
        assertEquals(created, follow("/v1/subnets?project_id=" + project + "&limit=2", 3, "subnets"));
        List<String> cidrs = given().get("/v1/subnets?project_id=" + project + "&sort_key=cidr&sort_dir=desc")
                .then().statusCode(200).extract().jsonPath().getList("subnets.cidr");
        assertEquals(List.of("10.74.0.0/24", "10.73.0.0/24", "10.72.0.0/24", "10.71.0.0/24", "10.70.0.0/24"), cidrs);
        given().get("/v1/subnets?network_id=" + networks.get(2)).then().statusCode(200)
                .body("subnets.id", equalTo(List.of(created.get(2))));
        given().get("/v1/subnets?network_id=").then().statusCode(200); // empty: no filter, as before
    }

    @Test
    void portsPageSortAndFilter() {
        String net = network("ports");
        subnet(net, "10.80.0.0/24"); // and its DHCP port (device_owner network:dhcp), left out below by device_owner=
        String device = UUID.randomUUID().toString();
        List<String> created = new ArrayList<>();
        for (String name : NAMES) {
            created.add(given().contentType(ContentType.JSON).body(Map.of("network_id", net, "name", name,
                    "device_id", name.equals("echo") ? device : "")).post("/v1/ports").then().statusCode(201)
                    .extract().path("id"));
        }
        assertEquals(created, follow("/v1/ports?network_id=" + net + "&device_owner=&limit=2", 3, "ports"));
        assertEquals(created, follow("/v1/ports?device_owner=&limit=1", 5, "ports"));
        List<String> macs = given().get("/v1/ports?sort_key=mac_address").then().statusCode(200).extract()
                .jsonPath().getList("ports.mac_address");
        List<String> sorted = new ArrayList<>(macs);
        sorted.sort(Comparator.naturalOrder());
        assertEquals(sorted, macs);
        assertEquals(List.of("echo", "delta"), names("/v1/ports?device_owner=&sort_key=name&sort_dir=desc&limit=2", "ports"));

        given().get("/v1/ports?device_id=" + device).then().body("ports.name", equalTo(List.of("echo")));
        given().get("/v1/ports?device_id=").then().body("ports.size()", equalTo(4));
        String address = given().get("/v1/ports/" + created.get(0)).then().extract().path("fixed_ips[0].ip_address");
        given().get("/v1/ports?ip_address=" + address).then().body("ports.id", equalTo(List.of(created.get(0))));
        String mac = macs.get(0);
        given().get("/v1/ports?mac_address=" + mac).then().body("ports.mac_address", equalTo(List.of(mac)));
        given().get("/v1/ports?status=DOWN&admin_state_up=true&device_owner=").then().body("ports.size()", equalTo(5));
        given().get("/v1/ports?status=ACTIVE").then().body("ports.size()", equalTo(0));
        String group = given().get("/v1/ports/" + created.get(0)).then().extract().path("security_groups[0]");
        given().get("/v1/ports?security_group_id=" + group + "&security_group_id=" + group).then().body("ports.size()", equalTo(5));
    }

    @Test
    void securityGroupsAndRulesPageSortAndFilter() {
        List<String> created = new ArrayList<>();
        created.add(given().get("/v1/security-groups").then().statusCode(200).extract().path("security_groups[0].id"));
        for (String name : List.of("web", "db", "cache", "queue")) {
            created.add(given().contentType(ContentType.JSON).body(Map.of("name", name)).post("/v1/security-groups")
                    .then().statusCode(201).extract().path("id"));
        }
        assertEquals(created, follow("/v1/security-groups?limit=2", 3, "security_groups"));
        assertEquals(List.of("cache", "db", "default", "queue", "web"),
                names("/v1/security-groups?sort_key=name", "security_groups"));
        given().get("/v1/security-groups?name=web").then().body("security_groups.id",
                equalTo(List.of(created.get(1))));

        String web = created.get(1);
        List<String> rules = new ArrayList<>();
        for (int port : new int[] {22, 80, 443}) {
            rules.add(given().contentType(ContentType.JSON).body(Map.of("security_group_id", web, "direction",
                    "ingress", "protocol", "tcp", "port_range_min", port, "port_range_max", port))
                    .post("/v1/security-group-rules").then().statusCode(201).extract().path("id"));
        }
        List<String> all = follow("/v1/security-group-rules?security_group_id=" + web + "&limit=1", -1,
                "security_group_rules");
        assertTrue(all.containsAll(rules), all::toString);
        assertEquals(rules, follow("/v1/security-group-rules?security_group_id=" + web
                + "&direction=ingress&protocol=tcp&limit=2", 2, "security_group_rules"));
        given().get("/v1/security-group-rules?port_range_min=443").then()
                .body("security_group_rules.id", equalTo(List.of(rules.get(2))));
        List<String> directions = given().get("/v1/security-group-rules?sort_key=direction&sort_dir=desc").then()
                .extract().jsonPath().getList("security_group_rules.direction");
        assertEquals("ingress", directions.get(0));
        assertEquals("egress", directions.get(directions.size() - 1));
    }

    @Test
    void whatIsNotUnderstoodIsA400NamingTheParameter() {
        String net = network("refusals");
        String port = PortIpamTest.port(net);
        for (String route : List.of("/v1/networks", "/v1/subnets", "/v1/ports", "/v1/security-groups",
                "/v1/security-group-rules")) {
            refused(route + "?colour=blue", "colour");
            refused(route + "?limit=0", "limit");
            refused(route + "?limit=1001", "limit");
            refused(route + "?limit=ten", "limit");
            refused(route + "?marker=nope", "marker");
            refused(route + "?marker=" + UUID.randomUUID(), "marker");
            refused(route + "?sort_key=colour", "sort_key");
            refused(route + "?sort_dir=up", "sort_dir");
            refused(route + "?limit=1&limit=2", "limit");
        }
        refused("/v1/ports?status=UP", "status");
        refused("/v1/ports?network_id=nope", "network_id");
        refused("/v1/ports?admin_state_up=yes", "admin_state_up");
        refused("/v1/networks?mtu=big", "mtu");
        refused("/v1/security-group-rules?direction=sideways", "direction");
        refused("/v1/ports?name=a&name=b", "name");
        // another project's port is no marker of this project's list
        given().get("/v1/ports?marker=" + port).then().statusCode(200);
        as(TestTokens.member("list-other")).get("/v1/ports?marker=" + port).then().statusCode(400)
                .body("field", equalTo("marker"));
    }

    @Test
    void theOpenApiDescriptionListsEachRoutesParameters() {
        JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        List<String> ports = api.getList("paths.'/v1/ports'.get.parameters.name");
        assertTrue(ports.containsAll(List.of("network_id", "device_id", "mac_address", "status", "limit", "marker",
                "sort_key", "sort_dir")), ports::toString);
        List<String> networks = api.getList("paths.'/v1/networks'.get.parameters.name");
        assertTrue(networks.containsAll(List.of("name", "shared", "limit", "marker")), networks::toString);
        assertEquals(List.of("created_at", "name", "status", "mac_address", "device_id"),
                api.getList("paths.'/v1/ports'.get.parameters.find { it.name == 'sort_key' }.schema.enum"));
    }

    /** Follows {@code next} from {@code first} to the last page; the ids seen, each once; {@code pages} -1: any. */
    private static List<String> follow(String first, int pages, String collection) {
        List<String> seen = new ArrayList<>();
        String next = first;
        int count = 0;
        while (next != null) {
            JsonPath page = given().get(next).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList(collection + ".id");
            assertTrue(!ids.isEmpty(), "a page is never empty: " + next);
            seen.addAll(ids);
            next = page.getString("next");
            count++;
        }
        if (pages >= 0) {
            assertEquals(pages, count, "pages of " + first);
        }
        assertEquals(seen.size(), seen.stream().distinct().count(), "no item twice: " + seen);
        return seen;
    }

    private static List<String> names(String url, String collection) {
        return given().get(url).then().statusCode(200).extract().jsonPath().getList(collection + ".name");
    }

    private static void refused(String url, String parameter) {
        given().get(url).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(parameter));
    }
}
