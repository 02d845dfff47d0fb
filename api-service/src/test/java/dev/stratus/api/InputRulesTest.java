package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12's cases in api-service: a NUL in a path id, a query value or a JSON string, a value of another JSON type,
 * a string longer than its column: each a 400 problem+json naming what to fix, before any database or other service
 * sees it, and nothing created.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class InputRulesTest {
    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void aNulInAPathIdIsA400NotA500() {
        String admin = Login.token("admin");
        for (String[] call : new String[][]{{"PATCH", "/v1/users/%00", "{\"enabled\": true}"},
                {"PUT", "/v1/projects/%00/members", "{\"user\": \"demo\", \"role\": \"member\"}"},
                {"PUT", "/v1/projects/%00/quotas", "{\"instances\": 5}"},
                {"DELETE", "/v1/key-pairs/%00", null}, {"GET", "/v1/servers/a%00b", null},
                {"DELETE", "/v1/projects/%00", null}, {"DELETE", "/v1/users/%00", null}}) {
            var request = given().urlEncodingEnabled(false).auth().oauth2(admin);
            if (call[2] != null) {
                request.contentType(ContentType.JSON).body(call[2]);
            }
            request.request(call[0], call[1]).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("U+0000"));
        }
    }

    @Test
    void aNulInAQueryValueIsA400BeforeTheEdgeRouteForwardsIt() {
        String demo = Login.token("demo");
        int creates = ImageServiceDouble.CREATES.get();
        for (String uri : List.of("/v1/images?name=%00", "/v1/ports?device_id=%00", "/v1/servers?name=%00",
                "/v1/networks/%00")) {
            given().urlEncodingEnabled(false).auth().oauth2(demo).get(uri).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("U+0000"));
        }
        assertEquals(creates, ImageServiceDouble.CREATES.get());
    }

    @Test
    void aNulInTheImageOfAServerIsA400NotA503FromImageService() {
        String demo = Login.token("demo");
        int before = servers(demo);
        given().auth().oauth2(demo).contentType(ContentType.JSON)
                .body("{\"name\": \"nul\", \"flavor\": \"m1.tiny\", \"image\": \"stratus-tiny\\u0000\"}")
                .post("/v1/servers").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("image")).body("detail", containsString("U+0000"));
        assertEquals(before, servers(demo));
    }

    @Test
    void aNulInASnapshotNameIsA400() {
        int creates = ImageServiceDouble.CREATES.get();
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\"}")
                .post("/v1/servers/00000000-0000-0000-0000-000000000001/actions/snapshot").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("name"));
        assertEquals(creates, ImageServiceDouble.CREATES.get());
    }

    @Test
    void aNumberForANameIsA400NamingTheField() {
        String admin = Login.token("admin");
        int projects = given().auth().oauth2(admin).get("/v1/projects").then().extract().path("projects.size()");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\": 12345}").post("/v1/projects")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("name"));
        assertEquals(projects, (int) given().auth().oauth2(admin).get("/v1/projects").then().extract()
                .path("projects.size()"));
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON).body("{\"name\": 12345}")
                .post("/v1/application-credentials").then().statusCode(400).body("field", equalTo("name"));
    }

    @Test
    void minusOneOrAStringForEnabledIsA400() {
        String admin = Login.token("admin");
        for (String body : List.of("{\"enabled\": -1}", "{\"enabled\": 0}", "{\"enabled\": \"true\"}")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).patch("/v1/users/demo")
                    .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("enabled"));
        }
        given().auth().oauth2(admin).get("/v1/users/demo").then().body("enabled", equalTo(true));
    }

    @Test
    void aQuotaOfAnotherTypeIsA400NamingTheQuota() {
        String admin = Login.token("admin");
        for (String body : List.of("{\"instances\": \"5\"}", "{\"instances\": 1.5}", "{\"instances\": true}")) {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(body).put("/v1/projects/demo/quotas")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("instances"));
        }
    }

    @Test
    void aNestedWrongTypeNamesItsJsonPath() {
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON)
                .body("{\"name\": \"p\", \"flavor\": \"m1.tiny\", \"image\": \"test-image\","
                        + " \"networks\": [{\"network\": 5}]}")
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("networks[0].network"));
    }

    @Test
    void namesLongerThanTheirColumnAre400sNamingTheField() {
        String admin = Login.token("admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\": \"" + "p".repeat(300) + "\"}")
                .post("/v1/projects").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("name")).body("detail", containsString("at most 63"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"long-description\", \"description\": \"" + "d".repeat(256) + "\"}")
                .post("/v1/projects").then().statusCode(400).body("field", equalTo("description"))
                .body("detail", containsString("at most 255"));
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON)
                .body("{\"name\": \"k\", \"public_key\": \"" + "A".repeat(20_000) + "\"}")
                .post("/v1/key-pairs").then().statusCode(400).body("field", equalTo("public_key"));
        given().auth().oauth2(Login.token("demo")).contentType(ContentType.JSON)
                .body("{\"name\": \"t\", \"flavor\": \"m1.tiny\", \"image\": \"test-image\", \"tags\": [\""
                        + "t".repeat(61) + "\"]}")
                .post("/v1/servers").then().statusCode(400).body("field", equalTo("tags[0]"));
    }

    @Test
    void aLineBreakInANameIsA400ButDescriptionsKeepThem() {
        String admin = Login.token("admin");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"name\": \"two\\nlines\"}")
                .post("/v1/projects").then().statusCode(400).body("field", equalTo("name"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"nul-description\", \"description\": \"a\\u0000b\"}").post("/v1/projects")
                .then().statusCode(400).body("field", equalTo("description"));
        String id = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"multi-line-description\", \"description\": \"line 1\\nline 2\"}")
                .post("/v1/projects").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).get("/v1/projects/" + id).then().body("description", equalTo("line 1\nline 2"));
        given().auth().oauth2(admin).delete("/v1/projects/" + id).then().statusCode(503); // no network-service here
    }

    @Test
    void unknownFieldsAreRefusedNamingThem() {
        given().auth().oauth2(Login.token("admin")).contentType(ContentType.JSON)
                .body("{\"name\": \"extra-field\", \"owner\": \"x\"}").post("/v1/projects").then().statusCode(400)
                .body("field", equalTo("owner"));
    }

    private static int servers(String token) {
        Response list = given().auth().oauth2(token).get("/v1/servers");
        return list.then().statusCode(200).extract().path("servers.size()");
    }
}
