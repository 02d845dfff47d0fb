package dev.stratus.network.service;

import dev.stratus.contracts.SecurityGroupChanged;
import dev.stratus.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * Announces security group changes on {@link Topics#SECURITY_GROUP_EVENTS} once the transaction that made them commits
 * ({@link AfterCommitAnnouncer}); a lost announcement is repaired by the agents' periodic firewall resync.
 */
@ApplicationScoped
public class SecurityGroupEvents {
    private final AfterCommitAnnouncer announcer;

    public SecurityGroupEvents(AfterCommitAnnouncer announcer) {
        this.announcer = announcer;
    }

    /** Publishes a change of each group after the current transaction commits. */
    public void changed(Collection<UUID> groupIds, String projectId) {
        announcer.afterCommit(groupIds.stream()
                .map(id -> new AfterCommitAnnouncer.Announcement(Topics.SECURITY_GROUP_EVENTS, id.toString(),
                        new SecurityGroupChanged(UUID.randomUUID().toString(), SecurityGroupChanged.VERSION,
                                id.toString(), projectId, Instant.now())))
                .toList());
    }
}
