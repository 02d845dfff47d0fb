package dev.stratus.network.service;

import dev.stratus.contracts.RouterChanged;
import dev.stratus.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * Announces router changes (interfaces, gateway, floating IPs, deletes) on {@link Topics#ROUTER_EVENTS} once the
 * transaction that made them commits ({@link AfterCommitAnnouncer}): the event only says "look again" (the agents read
 * the whole L3 state from network-service), and a lost one is repaired by the agents' periodic L3 resync.
 */
@ApplicationScoped
public class RouterEvents {
    private final AfterCommitAnnouncer announcer;

    public RouterEvents(AfterCommitAnnouncer announcer) {
        this.announcer = announcer;
    }

    /** Publishes a change of each router (nulls skipped, each once) after the current transaction commits. */
    public void changed(String projectId, UUID... routerIds) {
        String project = Objects.requireNonNullElse(projectId, "");
        announcer.afterCommit(Arrays.stream(routerIds).filter(Objects::nonNull).distinct()
                .map(id -> new AfterCommitAnnouncer.Announcement(Topics.ROUTER_EVENTS, id.toString(),
                        new RouterChanged(UUID.randomUUID().toString(), RouterChanged.VERSION, id.toString(), project,
                                Instant.now())))
                .toList());
    }
}
