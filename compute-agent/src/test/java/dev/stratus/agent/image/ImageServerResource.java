package dev.stratus.agent.image;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.Map;

/** Test resource: one {@link ImageServer} per test JVM, wired in as the agent's image-service. */
public class ImageServerResource implements QuarkusTestResourceLifecycleManager {
    private static ImageServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            try {
                server = new ImageServer();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test image server", e);
            }
        }
        return Map.of("stratus.agent.image-service-url", server.url());
    }

    public static ImageServer server() {
        return server;
    }

    @Override
    public void stop() {
        // kept for the whole JVM, like the Kafka broker
    }
}
