package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static dev.stratus.e2e.TenancyMatrixE2ETest.call;
import static dev.stratus.e2e.TenancyMatrixE2ETest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * image-service in the whole stack: its {@code images} quota is the limit an admin sets in api-service (read with
 * its own service user {@code image-service}), and api-service shows the images in use as image-service counts them.
 */
class ImageQuotaE2ETest {
    private static String admin;
    private static String projectId;
    private static String member;

    @BeforeAll
    static void setUp() throws Exception {
        Stack.up();
        admin = Stack.adminToken();
        // a project of its own per run: the stack's database outlives a run
        String project = "image-quota-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        projectId = TenancyMatrixE2ETest.projectWithUser(admin, project, project + "-user", "member");
        member = TenancyMatrixE2ETest.issue(project + "-user", project);
    }

    @Test
    void imagesQuotaIsTheLimitSetInApiService() throws Exception {
        HttpResponse<String> set = call("PUT", Stack.url() + "/v1/projects/" + projectId + "/quotas", admin,
                "{\"images\": 1}");
        assertEquals(200, set.statusCode(), set.body());
        String body = "{\"name\":\"quota-image\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}";
        HttpResponse<String> first = call("POST", Stack.url() + "/v1/images", member, body);
        assertEquals(201, first.statusCode(), first.body());
        HttpResponse<String> second = call("POST", Stack.url() + "/v1/images", member, body);
        assertEquals(409, second.statusCode(), second.body());
        assertEquals("images", json(second).path("field").asText());

        JsonNode quotas = json(call("GET", Stack.url() + "/v1/projects/" + projectId + "/quotas", member, null));
        assertEquals(1, quotas.path("images").path("limit").asInt(), quotas.toString());
        assertEquals(1, quotas.path("images").path("in_use").asInt(-1), quotas.toString());
        assertEquals(0, quotas.path("image_bytes").path("in_use").asInt(-1), quotas.toString());

        String id = json(first).path("id").asText();
        assertEquals(204, call("DELETE", Stack.url() + "/v1/images/" + id, member, null).statusCode());
        HttpResponse<String> freed = call("POST", Stack.url() + "/v1/images", member, body); // usage went down
        assertEquals(201, freed.statusCode(), freed.body());
        assertEquals(204, call("DELETE", Stack.url() + "/v1/images/" + json(freed).path("id").asText(), member,
                null).statusCode());
    }
}
