package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated TypeScript client (module clients/typescript) in a user's Node program,
 * {@code e2e/src/test/ts/smoke.ts} (compiled by this module's build): a token, the flavors and images, a network, a server on it created, ACTIVE,
 * deleted, the 404 afterwards as the client's typed {@code ResponseError}, the network deleted. The test reads what the program prints step by step and
 * checks each step against the API (and the running domain in libvirt) itself.
 */
class TypeScriptClientE2ETest {
    private static final Path PROGRAM = Stack.ROOT.resolve("e2e/target/ts/smoke.js");
    /** Where Node finds the package {@code stratus-client} that the module clients/typescript built. */
    private static final Path CLIENT_PACKAGES = Stack.ROOT.resolve("clients/typescript/target");
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final List<String> servers = new ArrayList<>();
    private static final List<String> networks = new ArrayList<>();
    private static NodeProgram program;

    @BeforeAll
    static void startStack() {
        Stack.upAsDemo();
    }

    @AfterAll
    static void cleanUp() {
        if (program != null) {
            program.close();
        }
        Guests.deleteAll(servers);
        for (String net : networks) {
            given().delete("/v1/networks/" + net).then().statusCode(anyOf(is(204), is(404)));
        }
    }

    @Test
    void aNodeProgramOnTheGeneratedClientCreatesAndDeletesAServer() {
        String name = "ts-client-" + System.currentTimeMillis();
        program = NodeProgram.start(PROGRAM, Map.of(
                "STRATUS_URL", Stack.url(),
                "STRATUS_USER", Stack.env("STRATUS_USER"),
                "STRATUS_PASSWORD", Stack.env("STRATUS_PASSWORD"),
                "STRATUS_PROJECT", Stack.env("STRATUS_PROJECT"),
                "SERVER_NAME", name,
                "NODE_PATH", CLIENT_PACKAGES.toString()), Stack.STATE.resolve("ts-client-e2e.stderr"));

        expect("token", STEP);
        JsonNode flavors = expect("flavors", STEP);
        List<String> flavorNames = given().get("/v1/flavors").then().statusCode(200).extract().path("flavors.name");
        assertEquals(flavorNames, texts(flavors.get("names")), "the client read every flavor, in order");
        assertEquals(flavorNames.get(0), flavors.get("chosen").asText(), "the smallest flavor (listed first)");

        JsonNode images = expect("images", STEP);
        List<String> imageNames = given().get("/v1/images").then().statusCode(200).extract().path("images.name");
        assertEquals(imageNames, texts(images.get("names")), "the client read every image, in order");
        String tiny = given().get("/v1/images?name=stratus-tiny").then().statusCode(200).extract().path("images[0].id");
        assertEquals(tiny, images.get("chosen").asText());

        String net = expect("network", STEP).get("id").asText();
        networks.add(net);
        given().get("/v1/subnets?network_id=" + net).then().statusCode(200).body("subnets.size()", equalTo(1));

        JsonNode created = expect("created", STEP);
        String id = created.get("id").asText();
        servers.add(id);
        assertEquals("BUILDING", created.get("status").asText());
        assertEquals(flavors.get("chosenId").asText(), created.get("flavor").asText(), "the chosen flavor");
        assertTrue(created.get("location").asText().endsWith("/v1/servers/" + id), created.toString());

        JsonNode active = expect("active", Servers.BOOT);
        assertEquals(id, active.get("id").asText());
        assertEquals(Stack.HOST, active.get("host").asText());
        // what the program saw is there: the server in the API, its domain running in libvirt
        given().get("/v1/servers/" + id).then().statusCode(200).body("name", equalTo(name))
                .body("status", equalTo("ACTIVE")).body("image.id", equalTo(tiny));
        given().get("/v1/ports?device_id=" + id).then().statusCode(200).body("ports.network_id", contains(net));
        assertEquals("running", HostProbe.domainState(id).orElseThrow());
        program.answer("delete");

        assertEquals("deleting", expect("deleting", STEP).get("taskState").asText());
        JsonNode gone = expect("gone", STEP.multipliedBy(2));
        assertEquals(404, gone.get("status").asInt(), "the problem in the ResponseError's body");
        assertTrue(gone.get("contentType").asText().startsWith("application/problem+json"), gone.toString());
        assertFalse(gone.get("detail").asText().isBlank(), gone.toString());
        assertEquals(net, expect("network-deleted", STEP).get("id").asText());
        expect("done", STEP);
        assertEquals(0, program.exitCode(STEP), program.transcript());

        given().get("/v1/servers/" + id).then().statusCode(404);
        assertFalse(HostProbe.domainState(id).isPresent(), "the domain is gone");
        given().get("/v1/networks/" + net).then().statusCode(404);
    }

    /** The program's next line, which must be {@code step}. */
    private static JsonNode expect(String step, Duration timeout) {
        JsonNode line = program.next(timeout);
        assertEquals(step, line.path("step").asText(), () -> "step " + step + " expected; " + program.transcript());
        return line;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
