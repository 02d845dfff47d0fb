package dev.stratus.api.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * One entry of an instance's action history (Nova's instance actions): a user's request, or something Stratus did by
 * itself ({@link #userId} null), started when asked and finished when the task it started is over.
 */
@Entity
@Table(name = "instance_action")
public class InstanceActionRecord extends PanacheEntityBase {
    public static final String SUCCESS = "success";
    public static final String ERROR = "error";

    @Id
    public UUID id;
    @Column(name = "instance_id")
    public UUID instanceId;
    @Column(name = "project_id")
    public String projectId;
    @Column(name = "request_id")
    public String requestId;
    public String action;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;
    public String result;
    public String message;

    /** The instance's history, oldest first. */
    public static List<InstanceActionRecord> of(UUID instanceId) {
        return list("instanceId = ?1 order by startedAt, id", instanceId);
    }

    public void finish(OffsetDateTime now, String outcome, String why) {
        if (finishedAt == null) {
            finishedAt = now;
            result = outcome;
            message = why == null ? message : message == null ? why : message + ": " + why; // keeps what it was about
        }
    }
}
