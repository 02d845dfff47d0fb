package dev.stratus.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.stratus.client.ApiClient;
import dev.stratus.client.ApiException;
import dev.stratus.client.ApiResponse;
import dev.stratus.client.api.AuthApi;
import dev.stratus.client.api.KeyPairsApi;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.CreateServerRequest;
import dev.stratus.client.model.IssuedToken;
import dev.stratus.client.model.KeyPairView;
import dev.stratus.client.model.CreateKeyPairRequest;
import dev.stratus.client.model.Problem;
import dev.stratus.client.model.ServerList;
import dev.stratus.client.model.ServerView;
import dev.stratus.client.model.StopOptions;
import dev.stratus.client.model.TokenRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java client that the build generates from {@code openapi/stratus.yaml} ({@code clients/java}), used as a user
 * of the published document would use it: no hand-written HTTP, only the base URL and the bearer token set on its
 * {@link ApiClient}. A change of the document that breaks these calls breaks the build (compilation) or this test.
 */
class GeneratedJavaClientE2ETest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration ACTION = Duration.ofSeconds(120);
    /** Unique per run: the list filter below must see only this run's servers. */
    private static final String NAME = "java-client-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> servers = new ArrayList<>();

    private static ApiClient client;
    private static ServersApi serversApi;
    private static KeyPairsApi keyPairsApi;
    private static String keyPairId;

    @BeforeAll
    static void signIn() throws ApiException {
        Stack.up();
        IssuedToken issued = new AuthApi(client()).issueToken(new TokenRequest().user(Stack.env("STRATUS_USER"))
                .password(Stack.env("STRATUS_PASSWORD")).project(Stack.env("STRATUS_PROJECT")));
        assertTrue(issued.getExpiresAt().isAfter(java.time.OffsetDateTime.now()), "a token that has not expired");
        client = client();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + issued.getToken()));
        serversApi = new ServersApi(client);
        keyPairsApi = new KeyPairsApi(client);
    }

    /** A client of the stack's STRATUS_URL, without a token. */
    private static ApiClient client() {
        ApiClient apiClient = new ApiClient();
        apiClient.updateBaseUri(Stack.url());
        return apiClient;
    }

    @AfterAll
    static void cleanUp() throws ApiException {
        if (serversApi == null) {
            return;
        }
        for (String id : servers) {
            ignoringNotFound(() -> serversApi.deleteServer(id));
        }
        for (String id : servers) {
            await().atMost(Duration.ofSeconds(60)).until(() -> notFound(() -> serversApi.getServer(id)));
        }
        if (keyPairId != null) {
            ignoringNotFound(() -> keyPairsApi.deleteKeyPair(keyPairId));
        }
    }

    @Test
    void aServerLivesItsWholeLifeThroughTheGeneratedClient() throws Exception {
        KeyPairView keyPair = keyPairsApi.createKeyPair(new CreateKeyPairRequest().name(NAME), null);
        keyPairId = keyPair.getId().toString();
        assertNotNull(keyPair.getPrivateKey(), "a generated key pair's private key is in the create's answer");

        CreateServerRequest request = new CreateServerRequest().name(NAME).flavor("m1.tiny").image("stratus-tiny")
                .keyName(keyPair.getName());
        String idempotencyKey = "java-client-" + UUID.randomUUID();
        ApiResponse<ServerView> accepted = serversApi.createServerWithHttpInfo(request, idempotencyKey);
        assertEquals(202, accepted.getStatusCode());
        ServerView created = accepted.getData();
        String id = created.getId().toString();
        servers.add(id);
        assertEquals(ServerView.StatusEnum.BUILDING, created.getStatus());
        assertEquals(List.of("/v1/servers/" + id), accepted.getHeaders().get("location").stream()
                .map(l -> URI.create(l).getPath()).toList());

        // the same key and body: the first answer again, not a second server
        assertEquals(created.getId(), serversApi.createServer(request, idempotencyKey).getId());
        // the same key and another body: a typed 409 whose problem says why
        ApiException reused = assertThrows(ApiException.class,
                () -> serversApi.createServer(new CreateServerRequest().name(NAME + "-other").flavor("m1.tiny")
                        .image("stratus-tiny"), idempotencyKey));
        assertEquals(409, problem(reused).getStatus());

        ServerView active = awaitStatus(id, ServerView.StatusEnum.ACTIVE);
        assertEquals(keyPair.getName(), active.getKeyName());
        assertEquals(ServerView.PowerStateEnum.RUNNING, active.getPowerState());
        await().atMost(BOOT).pollInterval(Duration.ofMillis(500)).until(() -> serversApi.getServerConsole(id, null),
                console -> console.contains("STRATUS-GUEST-UP " + id) && console.contains("STRATUS-ACPI-READY"));
        assertTrue(serversApi.getServerConsole(id, 64L).length() <= 64, "tail_bytes keeps the last bytes");
        // an action the state refuses: a typed 409 whose problem carries its extension members
        Problem refused = problem(assertThrows(ApiException.class, () -> serversApi.startServer(id)));
        assertEquals(409, refused.getStatus());
        assertEquals("ACTIVE", refused.getAdditionalProperty("vm_state"));

        assertEquals(ServerView.TaskStateEnum.POWERING_OFF,
                serversApi.stopServer(id, new StopOptions().force(false)).getTaskState());
        assertEquals(ServerView.PowerStateEnum.SHUTOFF, awaitStatus(id, ServerView.StatusEnum.STOPPED).getPowerState());
        assertEquals(ServerView.TaskStateEnum.POWERING_ON, serversApi.startServer(id).getTaskState());
        assertEquals(ServerView.PowerStateEnum.RUNNING, awaitStatus(id, ServerView.StatusEnum.ACTIVE).getPowerState());

        assertEquals(ServerView.TaskStateEnum.DELETING, serversApi.deleteServer(id).getTaskState());
        await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).until(() -> notFound(() -> serversApi.getServer(id)));
        ApiException gone = assertThrows(ApiException.class, () -> serversApi.getServer(id));
        assertEquals(404, gone.getCode());
        assertTrue(gone.getResponseHeaders().firstValue("content-type").orElseThrow()
                .startsWith("application/problem+json"), "an RFC 9457 problem");
        Problem problem = problem(gone);
        assertEquals(404, problem.getStatus());
        assertTrue(problem.getDetail().contains(id), problem.getDetail());
    }

    @Test
    void aFilteredListIsFollowedPageByPage() throws Exception {
        List<String> ours = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = serversApi.createServer(new CreateServerRequest().name(NAME + "-listed").flavor("m1.tiny")
                    .image("stratus-tiny"), null).getId().toString();
            servers.add(id);
            ours.add(id);
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            ServerList page = serversApi.listServers(ServersApi.APIListServersRequest.newBuilder()
                    .name(NAME + "-listed").limit(2).marker(marker).build());
            pages++;
            page.getServers().forEach(s -> seen.add(s.getId().toString()));
            assertTrue(page.getServers().size() <= 2, "limit is kept");
            marker = page.getNext() == null ? null : markerOf(page.getNext());
            if (marker != null) {
                assertEquals(seen.get(seen.size() - 1), marker, "next continues after the page's last server");
            }
        } while (marker != null);
        assertEquals(2, pages);
        assertEquals(ours, seen, "every filtered server once, oldest first, and no other");
    }

    /** The marker of a list's {@code next} link ({@code /v1/servers?...&marker=<id>}). */
    private static String markerOf(URI next) {
        for (String pair : next.getRawQuery().split("&")) {
            if (pair.startsWith("marker=")) {
                return java.net.URLDecoder.decode(pair.substring("marker=".length()), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no marker in " + next);
    }

    /** Polls getServer until the server is in {@code status} with no task in flight. */
    private static ServerView awaitStatus(String id, ServerView.StatusEnum status) {
        return await().atMost(ACTION).pollInterval(Duration.ofMillis(250)).until(() -> serversApi.getServer(id),
                s -> s.getStatus() == status && s.getTaskState() == null);
    }

    /** The RFC 9457 problem an error answer carries, read with the client's own object mapper. */
    private static Problem problem(ApiException e) throws JsonProcessingException {
        return client.getObjectMapper().readValue(e.getResponseBody(), Problem.class);
    }

    private interface Call {
        void run() throws ApiException;
    }

    private static boolean notFound(Call call) throws ApiException {
        try {
            call.run();
            return false;
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return true;
            }
            throw e;
        }
    }

    private static void ignoringNotFound(Call call) throws ApiException {
        notFound(call);
    }
}
