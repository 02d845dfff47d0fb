package dev.stratus.image.store;

import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.UUID;

/** Image rows. Status changes are conditional updates, so two requests never both win a transition. */
@ApplicationScoped
public class ImageRepository implements PanacheRepositoryBase<Image, UUID> {

    /** Moves the image from {@code from} to {@code to}; false when it is not (or no longer) in {@code from}. */
    public boolean transition(UUID id, ImageStatus from, ImageStatus to) {
        return update("status = :to, updatedAt = :now where id = :id and status = :from", Parameters.with("to", to)
                .and("now", Instant.now()).and("id", id).and("from", from)) == 1;
    }

    /** Marks every image in {@code saving} as {@code killed}; returns how many. */
    public int killAllSaving() {
        return update("status = :killed, updatedAt = :now where status = :saving", Parameters.with("killed",
                ImageStatus.KILLED).and("now", Instant.now()).and("saving", ImageStatus.SAVING));
    }

    /** saving → active with the stored data's size, virtual size and hashes; false when no longer saving. */
    public boolean activate(UUID id, long size, long virtualSize, String sha256, String md5) {
        return update("status = :active, size = :size, virtualSize = :vsize, osHashValue = :sha, checksum = :md5, "
                + "updatedAt = :now where id = :id and status = :saving", Parameters.with("active",
                        ImageStatus.ACTIVE).and("size", size).and("vsize", virtualSize).and("sha", sha256)
                .and("md5", md5).and("now", Instant.now()).and("id", id).and("saving", ImageStatus.SAVING)) == 1;
    }

    /** Bytes of image data the project holds (every image with data counts, even when its content is shared). */
    public long bytesHeld(String projectId) {
        var query = getEntityManager().createQuery("select coalesce(sum(i.size), 0) from Image i where "
                + (projectId == null ? "i.projectId is null" : "i.projectId = :p") + " and i.size is not null");
        if (projectId != null) {
            query.setParameter("p", projectId);
        }
        return ((Number) query.getSingleResult()).longValue();
    }

    /**
     * Serialises, until the current transaction ends, the quota checks of one project's image creates and uploads:
     * locks its {@code project_quota_lock} row ({@code SELECT ... FOR UPDATE}), made on first use (images of no
     * project share the row {@code ''}).
     */
    public void lockQuota(String projectId) {
        getEntityManager().createNativeQuery("INSERT INTO image.project_quota_lock (project_id) VALUES (?1)"
                + " ON CONFLICT DO NOTHING").setParameter(1, projectId == null ? "" : projectId).executeUpdate();
        getEntityManager().createNativeQuery("SELECT project_id FROM image.project_quota_lock WHERE project_id = ?1"
                + " FOR UPDATE").setParameter(1, projectId == null ? "" : projectId).getSingleResult();
    }

    /** How many images hold the data with this sha256. */
    public long countByHash(String sha256) {
        return count("osHashValue", sha256);
    }

    /**
     * Serialises, across every replica sharing the database, the store's file operations on one piece of content
     * (move into place vs. remove) until the current transaction ends.
     */
    public void lockContent(String sha256) {
        getEntityManager().createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))) l")
                .setParameter("k", "image-content:" + sha256).getSingleResult();
    }
}
