package dev.stratus.api;

import dev.stratus.api.identity.Directory;
import dev.stratus.api.identity.Project;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Server lists: keyset pages that never skip or repeat, sorting, filters, and a 400 for what is not understood. */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ServerListTest {
    @Inject
    Directory directory;

    private String token;

    @BeforeEach
    void ownProject() {
        String name = "list-" + UUID.randomUUID().toString().substring(0, 8);
        Project project = directory.ensureProject(name, "test");
        directory.ensureUser(name, "list-password-1");
        directory.assign(project.id, name, "member");
        token = Login.token(name, "list-password-1", name);
        RestAssured.requestSpecification = Login.spec(token);
    }

    @Test
    void pagesFollowTheNextLinkWithoutSkippingOrRepeating() {
        List<String> created = new ArrayList<>();
        for (String n : List.of("delta", "alpha", "echo", "bravo", "charlie")) {
            created.add(create(n));
        }
        List<String> seen = new ArrayList<>();
        String next = "/v1/servers?limit=2";
        int pages = 0;
        while (next != null) {
            JsonPath page = given().get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("servers.id"));
            next = page.getString("next");
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(created, seen, "creation order, each server once");

        List<String> names = given().get("/v1/servers?sort_key=name&sort_dir=desc&limit=3").then().statusCode(200)
                .extract().jsonPath().getList("servers.name");
        assertEquals(List.of("echo", "delta", "charlie"), names);
        String second = given().get("/v1/servers?sort_key=name&sort_dir=desc&limit=3").then().extract().path("next");
        List<String> rest = given().get(second).then().statusCode(200).body("next", nullValue()).extract().jsonPath()
                .getList("servers.name");
        assertEquals(List.of("bravo", "alpha"), rest);
        List<String> sorted = new ArrayList<>(List.of("delta", "alpha", "echo", "bravo", "charlie"));
        sorted.sort(Comparator.naturalOrder());
        assertEquals(sorted, given().get("/v1/servers?sort_key=name").then().extract().jsonPath()
                .getList("servers.name"));
    }

    @Test
    void filtersNarrowTheList() {
        String a = create("web-a");
        create("web-b");
        given().get("/v1/servers?name=web-a").then().statusCode(200).body("servers.id", equalTo(List.of(a)));
        given().get("/v1/servers?status=BUILDING").then().body("servers.size()", equalTo(2));
        given().get("/v1/servers?status=ACTIVE").then().body("servers.size()", equalTo(0));
        given().get("/v1/servers?flavor=m1.tiny&image=" + ImageServiceDouble.IMAGE_ID).then()
                .body("servers.size()", equalTo(2));
        given().get("/v1/servers?changes-since=2099-01-01T00:00:00Z").then().body("servers.size()", equalTo(0));
    }

    @Test
    void descriptionMetadataAndTagsAreKeptPatchedAndFiltered() {
        String a = given().contentType(ContentType.JSON).body("{\"name\":\"tagged-a\",\"flavor\":\"m1.tiny\","
                + "\"image\":\"test-image\",\"description\":\"ci runner\",\"metadata\":{\"job\":\"42\"},"
                + "\"tags\":[\"ci\",\"linux\"]}").post("/v1/servers").then().statusCode(202)
                .body("tags", equalTo(List.of("ci", "linux"))).body("metadata.job", equalTo("42"))
                .extract().path("id");
        String b = create("tagged-b");
        given().contentType("application/merge-patch+json")
                .body("{\"tags\":[\"ci\"],\"metadata\":{\"owner\":\"team-x\"},\"description\":null}")
                .patch("/v1/servers/" + b).then().statusCode(200).body("tags", equalTo(List.of("ci")))
                .body("metadata.owner", equalTo("team-x")).body("description", nullValue());
        given().contentType(ContentType.JSON).body("{\"metadata\":{\"job\":null,\"stage\":\"test\"}}")
                .patch("/v1/servers/" + a).then().statusCode(200).body("metadata.job", nullValue())
                .body("metadata.stage", equalTo("test")).body("description", equalTo("ci runner"));

        given().get("/v1/servers?tag=ci").then().body("servers.id", equalTo(List.of(a, b)))
                .body("servers.tags", equalTo(List.of(List.of("ci", "linux"), List.of("ci")))); // a page's tags, sorted
        given().get("/v1/servers?tag=ci,linux").then().body("servers.id", equalTo(List.of(a)));
        given().get("/v1/servers?tags-any=linux,windows").then().body("servers.id", equalTo(List.of(a)));
        given().get("/v1/servers?tags-any=windows").then().body("servers.size()", equalTo(0));
        given().get("/v1/servers?tag=").then().statusCode(400).body("field", equalTo("tag"));

        given().contentType(ContentType.JSON).body("{\"tags\":[\"a,b\"]}").patch("/v1/servers/" + a).then()
                .statusCode(400).body("field", equalTo("tags"));
        given().contentType(ContentType.JSON).body("{\"tags\":\"ci\"}").patch("/v1/servers/" + a).then()
                .statusCode(400).body("field", equalTo("tags"));
        given().contentType(ContentType.JSON).body("{\"metadata\":{\"n\":1}}").patch("/v1/servers/" + a).then()
                .statusCode(400).body("field", equalTo("metadata"));
        given().contentType(ContentType.JSON).body("{\"description\":\"" + "x".repeat(256) + "\"}")
                .patch("/v1/servers/" + a).then().statusCode(400).body("field", equalTo("description"));
        given().get("/v1/servers/" + a).then().body("tags", equalTo(List.of("ci", "linux")));
    }

    @Test
    void whatIsNotUnderstoodIsA400() {
        create("only");
        given().get("/v1/servers?colour=blue").then().statusCode(400).body("field", equalTo("colour"));
        given().get("/v1/servers?limit=0").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/v1/servers?limit=ten").then().statusCode(400).body("field", equalTo("limit"));
        given().get("/v1/servers?marker=nope").then().statusCode(400).body("field", equalTo("marker"));
        given().get("/v1/servers?marker=" + UUID.randomUUID()).then().statusCode(400).body("field", equalTo("marker"));
        given().get("/v1/servers?sort_key=vcpus").then().statusCode(400).body("field", equalTo("sort_key"));
        given().get("/v1/servers?sort_dir=up").then().statusCode(400).body("field", equalTo("sort_dir"));
        given().get("/v1/servers?status=RUNNING").then().statusCode(400).body("field", equalTo("status"));
        given().get("/v1/servers?changes-since=yesterday").then().statusCode(400)
                .body("field", equalTo("changes-since"));
        given().get("/v1/servers?host=h1").then().statusCode(400).body("field", equalTo("host"));
    }

    private static String create(String name) {
        return given().contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"flavor\":\"m1.tiny\",\"image\":\"test-image\"}")
                .post("/v1/servers").then().statusCode(202).extract().path("id");
    }
}
