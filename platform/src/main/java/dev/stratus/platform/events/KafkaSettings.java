package dev.stratus.platform.events;

import dev.stratus.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the Stratus topics if they are missing (idempotent; every service calls it at start). */
public final class KafkaSettings {
    public static final List<String> ALL_TOPICS = List.of(Topics.INSTANCE_REQUESTS, Topics.PLACEMENTS,
            Topics.INSTANCE_STATUS, Topics.HOST_REPORTS, Topics.INSTANCE_ACTIONS, Topics.INSTANCE_LIFECYCLE,
            Topics.SECURITY_GROUP_EVENTS, Topics.ROUTER_EVENTS, Topics.IDENTITY_EVENTS);

    private KafkaSettings() {
    }

    public static void ensureTopics(String bootstrapServers, int partitions, short replication) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = ALL_TOPICS.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, replication)).toList();
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create Kafka topics at " + bootstrapServers, e);
        }
    }
}
