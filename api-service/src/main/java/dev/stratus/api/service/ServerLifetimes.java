package dev.stratus.api.service;

import dev.stratus.api.model.Instance;
import dev.stratus.api.model.ProjectServerTtl;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * When a server expires: from the request ({@code ttl_seconds} or {@code expires_at}), else the project's default TTL;
 * never later than the project's maximum TTL after the server's creation, so a CI project cannot leak a VM forever.
 */
@ApplicationScoped
public class ServerLifetimes {
    /** The longest TTL anyone may ask for (ten years): past it, a number is a mistake. */
    static final long LONGEST_SECONDS = 10L * 365 * 24 * 3600;

    /** The expiry of a new server (created {@code now}), or null: it lives until deleted. */
    public OffsetDateTime forCreate(String projectId, Long ttlSeconds, OffsetDateTime expiresAt, OffsetDateTime now) {
        ProjectServerTtl project = ProjectServerTtl.of(projectId);
        OffsetDateTime asked = asked(ttlSeconds, expiresAt, now);
        if (asked == null && project.defaultTtlSeconds != null) {
            asked = now.plusSeconds(project.defaultTtlSeconds);
        }
        return bounded(project, asked, now, now);
    }

    /** The new expiry of an existing server: {@code clear} removes it, else the asked time. */
    public OffsetDateTime forChange(Instance instance, boolean clear, Long ttlSeconds, OffsetDateTime expiresAt,
            OffsetDateTime now) {
        ProjectServerTtl project = ProjectServerTtl.of(instance.projectId);
        if (clear) {
            if (project.maxTtlSeconds != null) {
                throw ApiException.badRequest("expires_at", "project " + instance.projectId + " has a maximum server"
                        + " TTL of " + project.maxTtlSeconds + " s: expires_at cannot be cleared");
            }
            return null;
        }
        return bounded(project, asked(ttlSeconds, expiresAt, now), instance.createdAt, now);
    }

    private static OffsetDateTime asked(Long ttlSeconds, OffsetDateTime expiresAt, OffsetDateTime now) {
        if (ttlSeconds != null && expiresAt != null) {
            throw ApiException.badRequest("ttl_seconds", "give ttl_seconds or expires_at, not both");
        }
        if (ttlSeconds != null) {
            if (ttlSeconds < 1 || ttlSeconds > LONGEST_SECONDS) {
                throw ApiException.badRequest("ttl_seconds", "ttl_seconds must be 1 to " + LONGEST_SECONDS
                        + " (ten years)");
            }
            return now.plusSeconds(ttlSeconds);
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiException.badRequest("expires_at", "expires_at " + expiresAt + " is not in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(now.plusSeconds(LONGEST_SECONDS))) {
            throw ApiException.badRequest("expires_at", "expires_at is more than ten years away");
        }
        return expiresAt;
    }

    private static OffsetDateTime bounded(ProjectServerTtl project, OffsetDateTime asked, OffsetDateTime createdAt,
            OffsetDateTime now) {
        if (project.maxTtlSeconds == null) {
            return asked;
        }
        OffsetDateTime latest = createdAt.plusSeconds(project.maxTtlSeconds);
        if (asked == null) {
            return latest;
        }
        if (asked.isAfter(latest)) {
            throw ApiException.badRequest(asked.isAfter(now) ? "expires_at" : "ttl_seconds", "project "
                    + project.projectId + " lets a server live at most " + project.maxTtlSeconds + " s after its"
                    + " creation (" + Duration.ofSeconds(project.maxTtlSeconds) + "): the latest expiry is " + latest);
        }
        return asked;
    }
}
