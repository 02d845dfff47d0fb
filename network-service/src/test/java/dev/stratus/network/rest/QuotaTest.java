package dev.stratus.network.rest;

import dev.stratus.devinfra.StratusTestInfra;
import dev.stratus.devinfra.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.stratus.network.rest.Tokens.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * networks and ports quotas (limits from api-service, here {@link ApiServiceDouble}: 5 for {@code quota-*} projects)
 * hold under 20 parallel creates: exactly 5 succeed, 15 are 409 problems naming the quota; deletes free usage.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ApiServiceDouble.class, restrictToAnnotatedClass = false)
class QuotaTest {
    static final String SERVICE = TestTokens.service();

    @Test
    void twentyParallelNetworkCreatesAgainstALimitOfFive() throws Exception {
        String member = TestTokens.member("quota-networks");
        int readsBefore = ApiServiceDouble.QUOTA_READS.get();
        List<Response> responses = parallel(20, () -> as(member).contentType(ContentType.JSON)
                .body(Map.of("name", "race")).post("/v1/networks"));
        List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(ApiServiceDouble.LIMIT, created.size(), "exactly the limit was created");
        assertQuotaProblems(responses, 15, "networks");
        assertTrue(ApiServiceDouble.QUOTA_READS.get() - readsBefore >= 20, "every create read the limit");
        as(SERVICE).get("/internal/usage?project=quota-networks").then().statusCode(200)
                .body("networks", equalTo(5)).body("ports", equalTo(0));

        as(member).delete("/v1/networks/" + created.get(0).path("id")).then().statusCode(204);
        as(SERVICE).get("/internal/usage?project=quota-networks").then().body("networks", equalTo(4));
        as(member).contentType(ContentType.JSON).body(Map.of("name", "again")).post("/v1/networks")
                .then().statusCode(201);
        as(member).contentType(ContentType.JSON).body(Map.of("name", "over")).post("/v1/networks")
                .then().statusCode(409).body("field", equalTo("networks"));
    }

    @Test
    void aLimitOfMinusOneIsUnlimited() {
        String member = TestTokens.member("unlimited-networks");
        for (int i = 0; i <= ApiServiceDouble.LIMIT; i++) {
            as(member).contentType(ContentType.JSON).body(Map.of("name", "free-" + i)).post("/v1/networks")
                    .then().statusCode(201);
        }
        as(SERVICE).get("/internal/usage?project=unlimited-networks").then()
                .body("networks", equalTo(ApiServiceDouble.LIMIT + 1));
    }

    @Test
    void twentyParallelPortCreatesAgainstALimitOfFive() throws Exception {
        String member = TestTokens.member("quota-ports");
        String net = as(member).contentType(ContentType.JSON).body(Map.of("name", "ports")).post("/v1/networks")
                .then().statusCode(201).extract().path("id");
        as(member).contentType(ContentType.JSON).body(Map.of("network_id", net, "cidr", "10.70.0.0/24"))
                .post("/v1/subnets").then().statusCode(201); // its DHCP port is not the project's
        List<Response> responses = parallel(20, () -> as(member).contentType(ContentType.JSON)
                .body(Map.of("network_id", net)).post("/v1/ports"));
        List<Response> created = responses.stream().filter(r -> r.statusCode() == 201).toList();
        assertEquals(ApiServiceDouble.LIMIT, created.size(), "exactly the limit was created");
        assertQuotaProblems(responses, 15, "ports");
        as(SERVICE).get("/internal/usage?project=quota-ports").then().body("networks", equalTo(1))
                .body("ports", equalTo(5));
        as(member).delete("/v1/ports/" + created.get(0).path("id")).then().statusCode(204);
        as(SERVICE).get("/internal/usage?project=quota-ports").then().body("ports", equalTo(4));
        as(member).contentType(ContentType.JSON).body(Map.of("network_id", net)).post("/v1/ports")
                .then().statusCode(201);
    }

    private static void assertQuotaProblems(List<Response> responses, int expected, String quota) {
        List<Response> refused = responses.stream().filter(r -> r.statusCode() == 409).toList();
        assertEquals(expected, refused.size(), "the others were refused: "
                + responses.stream().map(Response::statusCode).toList());
        for (Response r : refused) {
            assertEquals("application/problem+json", r.contentType());
            assertEquals(quota, r.path("field"));
            assertTrue(r.<String>path("detail").contains(quota), r.asString());
        }
    }

    private static List<Response> parallel(int n, Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }
}
