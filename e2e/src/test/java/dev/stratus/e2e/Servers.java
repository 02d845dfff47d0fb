package dev.stratus.e2e;

import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * A server's life as the lifecycle tests drive it, through the API only: create one and wait until its guest is up
 * and watches its ACPI power button, ask for an action, wait for a state, count what the guest printed.
 */
final class Servers {
    static final Duration BOOT = Duration.ofSeconds(90);
    static final Duration ACTION = Duration.ofSeconds(120);

    private Servers() {
    }

    /**
     * A new m1.tiny stratus-tiny server (plus {@code extra} fields), ACTIVE, its guest booted and watching its power
     * button (an ACPI press before that is lost, as on any guest still booting); its id is added to {@code created}.
     */
    static String active(String name, Map<String, Object> extra, List<String> created) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "flavor", "m1.tiny", "image", "stratus-tiny"));
        body.putAll(extra);
        String id = given().contentType(ContentType.JSON).body(body).post("/v1/servers").then().statusCode(202)
                .extract().path("id");
        created.add(id);
        awaitState(id, "ACTIVE");
        await().atMost(BOOT).until(() -> markers(id) > 0);
        await().atMost(BOOT).until(() -> console(id).contains("STRATUS-ACPI-READY"));
        return id;
    }

    /** Asks for {@code action}: a 202 that names the request. */
    static void act(String id, String action, Map<String, Object> options) {
        given().contentType(ContentType.JSON).body(options).post("/v1/servers/" + id + "/actions/" + action)
                .then().statusCode(202).header("X-Request-Id", containsString("req-"));
    }

    /** Waits until the server is in {@code status} with no task in flight. */
    static void awaitState(String id, String status) {
        await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/v1/servers/" + id).then().statusCode(200).body("status", equalTo(status))
                        .body("task_state", nullValue()));
    }

    /** How many times the guest printed its boot marker on the console. */
    static int markers(String id) {
        return count(id, "STRATUS-GUEST-UP " + id);
    }

    /** How often the guest printed {@code line} on its console. */
    static int count(String id, String line) {
        return console(id).split(Pattern.quote(line), -1).length - 1;
    }

    static String console(String id) {
        return given().get("/v1/servers/" + id + "/console").then().extract().asString();
    }
}
