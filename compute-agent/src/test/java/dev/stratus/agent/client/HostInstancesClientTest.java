package dev.stratus.agent.client;

import dev.stratus.agent.image.ImageServerResource;
import dev.stratus.devinfra.StratusTestInfra;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent's typed client of api-service through the platform's one mapping: api-service answering 5xx (after the
 * GET's two retries) or not listening is a {@link ControlPlaneUnavailable}; a 4xx says its status. Against
 * {@link HostInstancesDouble}, a small local HTTP server, and a port nothing listens on.
 */
@QuarkusTest
@QuarkusTestResource(value = StratusTestInfra.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = ImageServerResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = HostInstancesDouble.class, restrictToAnnotatedClass = false)
class HostInstancesClientTest {
    @Inject
    HostInstancesClient client;
    @Inject
    dev.stratus.platform.auth.ServiceLogin login;

    @AfterEach
    void recover() {
        HostInstancesDouble.failWith(0);
    }

    @Test
    void a5xxIsControlPlaneUnavailable() {
        HostInstancesDouble.failWith(503);

        ControlPlaneUnavailable e = assertThrows(ControlPlaneUnavailable.class, () -> client.instances("outage-host"));
        assertTrue(e.getMessage().startsWith("api-service answered 503"), e.getMessage());
    }

    @Test
    void a4xxSaysItsStatus() {
        HostInstancesDouble.failWith(404);

        ControlPlaneUnavailable e = assertThrows(ControlPlaneUnavailable.class, () -> client.instances("outage-host"));
        assertEquals("api-service answered 404 for /internal/v1/hosts/outage-host/instances", e.getMessage());
    }

    @Test
    void aStoppedApiServiceIsControlPlaneUnavailable() throws Exception {
        int stopped;
        try (ServerSocket socket = new ServerSocket(0)) {
            stopped = socket.getLocalPort();
        }
        HostInstancesClient unreachable = new HostInstancesClient(login,
                io.quarkus.rest.client.reactive.QuarkusRestClientBuilder.newBuilder()
                        .baseUri(java.net.URI.create("http://localhost:" + stopped))
                        .register(dev.stratus.platform.client.UpstreamErrors.class).build(ApiServiceClient.class));

        ControlPlaneUnavailable e = assertThrows(ControlPlaneUnavailable.class, () -> unreachable.instances("h"));
        assertTrue(e.getMessage().startsWith("api-service is unreachable"), e.getMessage());
    }

    @Test
    void theListIsReadAgainOnceApiServiceIsBack() {
        HostInstancesDouble.failWith(503);
        assertThrows(ControlPlaneUnavailable.class, () -> client.instances("outage-host"));
        HostInstancesDouble.failWith(0);

        assertEquals(0, client.instances("outage-host").size());
    }
}
