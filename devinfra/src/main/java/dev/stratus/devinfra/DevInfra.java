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

    /**
     * {@code DevInfra <state> <pg-port> <kafka-port> [postgres|kafka]}: both servers (the default), or one of them, so
     * each can be restarted on its own ({@code ./stratus restart postgres|kafka}). Writes {@code infra.env} (both),
     * {@code postgres.env} or {@code kafka.env} into the state directory once ready.
     */
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[0]);
        int pgPort = Integer.parseInt(args[1]);
        int kafkaPort = Integer.parseInt(args[2]);
        String only = args.length > 3 ? args[3] : "both";
        if (!only.equals("both") && !only.equals("postgres") && !only.equals("kafka")) {
            throw new IllegalArgumentException("the fourth argument is postgres or kafka, not " + only);
        }
        Files.createDirectories(state);
        Path ready = state.resolve(only.equals("both") ? "infra.env" : only + ".env");
        Files.deleteIfExists(ready);

        PostgresServer postgres = only.equals("kafka") ? null : PostgresServer.start(pgPort, state.resolve("postgres"));
        KafkaBroker kafka = only.equals("postgres") ? null : KafkaBroker.start(kafkaPort, state.resolve("kafka"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (kafka != null) {
                kafka.close();
            }
            try {
                if (postgres != null) {
                    postgres.close();
                }
            } catch (Exception e) {
                System.err.println("postgres stop failed: " + e);
            }
        }));
        StringBuilder env = new StringBuilder();
        if (postgres != null) {
            env.append("STRATUS_DB_URL=").append(postgres.jdbcUrl()).append('\n');
        }
        if (kafka != null) {
            env.append("STRATUS_KAFKA=").append(kafka.bootstrapServers()).append('\n');
        }
        Files.writeString(ready, env.toString(), StandardCharsets.UTF_8);
        System.out.println("infra ready: " + env.toString().replace('\n', ' '));
        new CountDownLatch(1).await();
    }
}
