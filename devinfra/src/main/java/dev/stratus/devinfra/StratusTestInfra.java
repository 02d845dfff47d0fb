package dev.stratus.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.HashMap;
import java.util.Map;

/**
 * Test resource: a real PostgreSQL and a real Kafka broker for one test JVM, shared by all its Quarkus tests.
 * Each service keeps its tables in its own schema, set by the service's own configuration. Services also trust
 * {@link TestTokens}' tokens (see {@link TestTokensResource}).
 */
public class StratusTestInfra implements QuarkusTestResourceLifecycleManager {
    private static PostgresServer postgres;
    private static KafkaBroker kafka;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (postgres == null) {
                postgres = PostgresServer.start(0, null);
                kafka = KafkaBroker.start(0, null);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test infrastructure", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", PostgresServer.USER);
        config.put("quarkus.datasource.password", "postgres");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.putAll(TestTokensResource.config()); // services trust TestTokens' tokens
        return config;
    }

    public static String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void stop() {
        // kept for the whole JVM: Quarkus restarts apps between test profiles, the infrastructure need not
    }
}
