package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Server list filters that {@link ServerListTest} leaves out: UNKNOWN (a silent host), host (admins only), a
 * parameter given twice (its first value counts), and a next link that keeps the filters, encoded.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerListFiltersTest {
    @Inject
    EntityManager em;

    private String prefix;

    @BeforeEach
    void asAdmin() {
        RestAssured.requestSpecification = null;
        Login.as("admin");
        prefix = "filters-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void ipIsAnExactFixedAddressOfAPlacedServer() {
        String placed = create(prefix);
        String other = create(prefix);
        String placement = "{\"eventId\":\"e\",\"version\":1,\"instanceId\":\"" + placed + "\",\"ports\":[{"
                + "\"portId\":\"p\",\"networkId\":\"n\",\"macAddress\":\"fa:16:3e:00:00:01\","
                + "\"ipAddress\":\"10.9.8.17\",\"cidr\":\"10.9.8.0/24\",\"gatewayIp\":\"10.9.8.1\"}]}";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update api.instance set placement = ?1 where id = ?2")
                .setParameter(1, placement).setParameter(2, UUID.fromString(placed)).executeUpdate());
        given().get("/v1/servers?ip=10.9.8.17&name=" + prefix).then().statusCode(200)
                .body("servers.id", equalTo(List.of(placed)));
        given().get("/v1/servers?ip=10.9.8.1&name=" + prefix).then().body("servers.id", equalTo(List.of()));
        given().get("/v1/servers?ip=10.9.8.1").then().body("servers.id", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem(other)));
        given().get("/v1/servers?ip=10.9.8.%25").then().statusCode(400).body("field", equalTo("ip"));
        given().get("/v1/servers?ip=web").then().statusCode(400).body("field", equalTo("ip"));
    }

    @Test
    void unknownIsASilentHostAndHostIsForAdmins() {
        String lost = create(prefix);
        String fine = create(prefix);
        String host = prefix + "-host";
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update api.instance set host = ?1, host_lost_at = now() where id = ?2")
                    .setParameter(1, host).setParameter(2, UUID.fromString(lost)).executeUpdate();
            em.createNativeQuery("update api.instance set host = ?1 where id = ?2")
                    .setParameter(1, host).setParameter(2, UUID.fromString(fine)).executeUpdate();
        });
        given().get("/v1/servers?status=UNKNOWN&name=" + prefix).then().statusCode(200)
                .body("servers.id", equalTo(List.of(lost)));
        given().get("/v1/servers?status=BUILDING&name=" + prefix).then().body("servers.id", equalTo(List.of(fine)));
        given().get("/v1/servers?host=" + host).then().statusCode(200).body("servers.id", equalTo(List.of(lost, fine)));
        given().get("/v1/servers?host=" + host + "&status=UNKNOWN").then().body("servers.id", equalTo(List.of(lost)));

        RestAssured.requestSpecification = null; // a RequestSpecBuilder starts from the current one
        Login.as("demo");
        given().get("/v1/servers?host=" + host).then().statusCode(400).body("field", equalTo("host"));
    }

    @Test
    void aRepeatedParameterCountsWithItsFirstValue() {
        String a = create(prefix + "-a");
        create(prefix + "-b");
        given().get("/v1/servers?name=" + prefix + "-a&name=" + prefix + "-b").then().statusCode(200)
                .body("servers.id", equalTo(List.of(a)));
    }

    @Test
    void theNextLinkKeepsTheFilters() {
        String first = create(prefix);
        String second = create(prefix);
        String next = given().queryParam("name", prefix).queryParam("changes-since", "2000-01-01T00:00:00+00:00")
                .queryParam("limit", 1).get("/v1/servers").then().statusCode(200)
                .body("servers.id", equalTo(List.of(first))).body("next", containsString("marker="))
                .body("next", containsString("changes-since=2000-01-01T00%3A00%3A00%2B00%3A00"))
                .extract().path("next");
        given().urlEncodingEnabled(false).get(next).then().statusCode(200)
                .body("servers.id", equalTo(List.of(second))).body("next", nullValue());
    }

    private static String create(String name) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
    }
}
