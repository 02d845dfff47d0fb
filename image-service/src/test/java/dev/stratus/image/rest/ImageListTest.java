package dev.stratus.image.rest;

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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Image and member lists page (keyset: followed to the end, no item skipped or repeated), sort, filter, and answer
 * what they do not understand with a 400 naming the parameter.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
class ImageListTest {
    private static final List<String> NAMES = List.of("delta", "alpha", "echo", "bravo", "charlie");
    private String project;

    @BeforeEach
    void ownProject() {
        project = "list-" + UUID.randomUUID().toString().substring(0, 8);
        Tokens.use(TestTokens.member(project));
    }

    @AfterEach
    void defaultToken() {
        Tokens.use(Tokens.MEMBER);
    }

    @Test
    void imagesPageSortAndFilter() {
        List<String> created = new ArrayList<>();
        for (String name : NAMES) {
            created.add(image(name, name.equals("echo") ? "qcow2" : "raw", name.startsWith("a") ? List.of("ci")
                    : name.startsWith("b") ? List.of("ci", "linux") : List.of()));
        }
        // public images of other projects are listed too: owner keeps this test's own
        assertEquals(created, follow("/v1/images?owner=" + project + "&limit=2", 3));
        assertEquals(created, follow("/v1/images?owner=" + project + "&limit=1", 5));
        List<String> reversed = new ArrayList<>(created);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, follow("/v1/images?owner=" + project + "&sort_dir=desc&limit=2", 3));

        String sorted = "/v1/images?owner=" + project + "&sort_key=name&sort_dir=desc&limit=3";
        given().get(sorted).then().statusCode(200).body("images.name", equalTo(List.of("echo", "delta", "charlie")));
        String next = given().get(sorted).then().extract().path("next");
        given().get(next).then().statusCode(200).body("images.name", equalTo(List.of("bravo", "alpha")))
                .body("next", nullValue());

        given().get("/v1/images?name=alpha&owner=" + project).then().body("images.id",
                equalTo(List.of(created.get(1))));
        given().get("/v1/images?disk_format=qcow2&owner=" + project).then().body("images.name",
                equalTo(List.of("echo")));
        given().get("/v1/images?tag=ci&owner=" + project).then().body("images.name",
                equalTo(List.of("alpha", "bravo")));
        given().get("/v1/images?tag=ci&tag=linux&owner=" + project).then().body("images.name",
                equalTo(List.of("bravo")));
        given().get("/v1/images?status=queued&visibility=private&protected=false&owner=" + project).then()
                .body("images.size()", equalTo(5));
        given().get("/v1/images?status=active&owner=" + project).then().body("images.size()", equalTo(0));
        given().get("/v1/images?owner=" + project).then().body("images.size()", equalTo(5)).body("next", nullValue());
    }

    @Test
    void membersPageAndSort() {
        String id = given().contentType(ContentType.JSON).body(Map.of("name", "shared", "disk_format", "raw",
                "container_format", "bare", "visibility", "shared")).post("/v1/images").then().statusCode(201)
                .extract().path("id");
        List<String> members = List.of("project-d", "project-a", "project-c", "project-b");
        for (String member : members) {
            given().contentType(ContentType.JSON).body(Map.of("member", member))
                    .post("/v1/images/" + id + "/members").then().statusCode(200);
        }
        List<String> seen = new ArrayList<>();
        String next = "/v1/images/" + id + "/members?limit=3";
        int pages = 0;
        while (next != null) {
            JsonPath page = given().get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("members.member"));
            next = page.getString("next");
            pages++;
        }
        assertEquals(2, pages);
        assertEquals(members, seen);
        given().get("/v1/images/" + id + "/members?sort_key=member&limit=2").then()
                .body("members.member", equalTo(List.of("project-a", "project-b")));
        String second = given().get("/v1/images/" + id + "/members?sort_key=member&limit=2").then().extract()
                .path("next");
        given().get(second).then().body("members.member", equalTo(List.of("project-c", "project-d")))
                .body("next", nullValue());
        refused("/v1/images/" + id + "/members?member=project-a", "member");
        refused("/v1/images/" + id + "/members?marker=project-z", "marker");
        refused("/v1/images/" + id + "/members?sort_key=name", "sort_key");
    }

    @Test
    void whatIsNotUnderstoodIsA400NamingTheParameter() {
        String mine = image("mine", "raw", List.of());
        refused("/v1/images?colour=blue", "colour");
        refused("/v1/images?limit=0", "limit");
        refused("/v1/images?limit=1001", "limit");
        refused("/v1/images?limit=ten", "limit");
        refused("/v1/images?limit=1&limit=2", "limit");
        refused("/v1/images?marker=nope", "marker");
        refused("/v1/images?marker=" + UUID.randomUUID(), "marker");
        refused("/v1/images?sort_key=colour", "sort_key");
        refused("/v1/images?sort_dir=up", "sort_dir");
        refused("/v1/images?status=running", "status");
        refused("/v1/images?visibility=secret", "visibility");
        refused("/v1/images?disk_format=floppy", "disk_format");
        refused("/v1/images?protected=yes", "protected");
        refused("/v1/images?size_min=-1", "size_min");
        refused("/v1/images?name=a&name=b", "name");
        given().get("/v1/images?marker=" + mine).then().statusCode(200);
        // another project's private image is no marker of this project's list
        Tokens.use(TestTokens.member("list-other"));
        refused("/v1/images?marker=" + mine, "marker");
    }

    @Test
    void theOpenApiDescriptionListsTheParameters() {
        JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        List<String> images = api.getList("paths.'/v1/images'.get.parameters.name");
        assertTrue(images.containsAll(List.of("name", "status", "visibility", "disk_format", "tag", "limit", "marker",
                "sort_key", "sort_dir")), images::toString);
        List<String> members = api.getList("paths.'/v1/images/{id}/members'.get.parameters.name");
        assertTrue(members.containsAll(List.of("id", "limit", "marker", "sort_key", "sort_dir")), members::toString);
    }

    private String image(String name, String diskFormat, List<String> tags) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "disk_format", diskFormat,
                "container_format", "bare", "tags", tags)).post("/v1/images").then().statusCode(201)
                .extract().path("id");
    }

    /** Follows {@code next} from {@code first} to the last page, checking the number of pages; the ids, each once. */
    private static List<String> follow(String first, int pages) {
        List<String> seen = new ArrayList<>();
        String next = first;
        int count = 0;
        while (next != null) {
            JsonPath page = given().get(next).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("images.id");
            assertTrue(!ids.isEmpty(), "a page is never empty: " + next);
            seen.addAll(ids);
            next = page.getString("next");
            count++;
        }
        assertEquals(pages, count, "pages of " + first);
        assertEquals(seen.size(), seen.stream().distinct().count(), "no image twice: " + seen);
        return seen;
    }

    private static void refused(String url, String parameter) {
        given().get(url).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(parameter));
    }
}
