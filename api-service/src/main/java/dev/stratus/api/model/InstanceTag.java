package dev.stratus.api.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** One tag of a server; the set replaces as a whole ({@link #replace}). */
@Entity
@Table(name = "instance_tag")
@IdClass(InstanceTag.Key.class)
public class InstanceTag extends PanacheEntityBase {
    @Id
    @Column(name = "instance_id")
    public UUID instanceId;
    @Id
    public String tag;

    /** The composite key. */
    public static class Key implements Serializable {
        public UUID instanceId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(instanceId, k.instanceId)
                    && java.util.Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(instanceId, tag);
        }
    }

    /** The server's tags, sorted. */
    public static List<String> of(UUID instanceId) {
        return InstanceTag.<InstanceTag>list("instanceId = ?1 order by tag", instanceId).stream().map(t -> t.tag)
                .toList();
    }

    /**
     * The tags of several servers at once (one query for a page of a list), sorted per server. The ids go as one
     * array parameter: the SQL is the same for any number of them, where an HQL {@code in} list is translated again
     * for every size (a third of a list request's time went there), and the rows are read as values, not entities.
     */
    public static Map<UUID, List<String>> of(Collection<UUID> instanceIds) {
        Map<UUID, List<String>> tags = new TreeMap<>();
        if (instanceIds.isEmpty()) {
            return tags;
        }
        String ids = instanceIds.stream().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{",
                "}"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT instance_id, tag FROM api.instance_tag"
                + " WHERE instance_id = ANY(CAST(?1 AS uuid[])) ORDER BY tag").setParameter(1, ids).getResultList();
        for (Object[] row : rows) {
            UUID id = row[0] instanceof UUID uuid ? uuid : UUID.fromString(row[0].toString());
            tags.computeIfAbsent(id, k -> new ArrayList<>()).add((String) row[1]);
        }
        return tags;
    }

    /** Sets the server's tags to exactly {@code tags}. */
    public static void replace(UUID instanceId, Collection<String> tags) {
        delete("instanceId", instanceId);
        for (String value : new java.util.TreeSet<>(tags)) {
            InstanceTag t = new InstanceTag();
            t.instanceId = instanceId;
            t.tag = value;
            t.persist();
        }
    }
}
