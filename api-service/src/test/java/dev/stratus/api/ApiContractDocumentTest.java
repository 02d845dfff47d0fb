package dev.stratus.api;

import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * api-service's OpenAPI description is one a client generator can trust (rest.ApiContract, platform's
 * ContractFilter), and {@code /docs} renders it without a token or a CDN.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServiceDouble.class, restrictToAnnotatedClass = false)
class ApiContractDocumentTest {
    private static final Set<String> PUBLIC = Set.of("post /v1/auth/tokens", "get /v1/auth/keys");

    @BeforeEach
    void anonymous() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void everyOperationHasAnIdATagAndItsSecurityAndErrors() {
        JsonPath api = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = api.getMap("paths");
        Set<String> ids = new HashSet<>();
        for (var path : paths.entrySet()) {
            for (var op : path.getValue().entrySet()) {
                String route = op.getKey() + " " + path.getKey();
                Map<String, Object> operation = op.getValue();
                String id = (String) operation.get("operationId");
                assertTrue(id != null && ids.add(id), route + ": operationId missing or taken: " + id);
                assertEquals(1, ((List<?>) operation.get("tags")).size(), route);
                assertTrue(operation.get("summary") != null && operation.get("description") != null, route);
                List<?> security = (List<?>) operation.get("security");
                assertEquals(PUBLIC.contains(route), security.isEmpty(), route + " security " + security);
                Map<?, ?> responses = (Map<?, ?>) operation.get("responses");
                assertTrue(responses.containsKey("503"), route + " " + responses.keySet());
                // protected: 401 for a missing or bad token; the token issue declares its own 401 (bad credentials)
                assertTrue(PUBLIC.contains(route) || responses.containsKey("401"), route + " " + responses.keySet());
            }
        }
        assertFalse(paths.containsKey("/v1/servers/{id}/actions/{action}"), "each action is an operation");
        assertEquals("stopServer", api.getString("paths.'/v1/servers/{id}/actions/stop'.post.operationId"));
        assertEquals("#/components/schemas/ServerView", api.getString(
                "paths.'/v1/servers'.post.responses.'202'.content.'application/json'.schema.'$ref'"));
        assertTrue(api.getMap("paths.'/v1/servers'.post.responses.'202'.headers").containsKey("Location"));
        assertEquals("#/components/schemas/Problem", api.getString(
                "components.responses.NotFound.content.'application/problem+json'.schema.'$ref'"));
        assertTrue(api.getList("components.schemas.ServerView.properties.status.enum").contains("VERIFY_RESIZE"));
        assertEquals("bearer", api.getString("components.securitySchemes.bearerAuth.scheme"));
    }

    @Test
    void docsRenderTheDocumentWithoutAToken() {
        given().get("/docs").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<redoc spec-url=\"/docs/stratus.yaml\""))
                .body(containsString("/docs/redoc.standalone.js"));
        given().get("/docs/redoc.standalone.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("Redoc"));
        given().get("/docs/stratus.yaml").then().statusCode(200).body(containsString("operationId: createServer"));
    }
}
