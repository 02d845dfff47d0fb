package dev.stratus.devinfra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL and Kafka for {@code ./stratus up} until killed.
 * Usage: {@code DevInfra <state-dir> <postgres-port> <kafka-port>}; writes {@code <state-dir>/infra.env} once both
 * answer, so the launcher can wait for that file.
 */
public final class DevInfra {
    private DevInfra() {
    }

    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        int pgPort = Integer.parseInt(args[1]);
        int kafkaPort = Integer.parseInt(args[2]);
        Files.createDirectories(state);
        Path ready = state.resolve("infra.env");
        Files.deleteIfExists(ready);

        PostgresServer postgres = PostgresServer.start(pgPort, state.resolve("postgres"));
        KafkaBroker kafka = KafkaBroker.start(kafkaPort, state.resolve("kafka"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("postgres stop failed: " + e);
            }
        }));
        Files.writeString(ready, "STRATUS_DB_URL=" + postgres.jdbcUrl() + "\nSTRATUS_KAFKA=" + kafka.bootstrapServers()
                + "\n", StandardCharsets.UTF_8);
        System.out.println("infra ready: " + postgres.jdbcUrl() + " " + kafka.bootstrapServers());
        new CountDownLatch(1).await();
    }
}
