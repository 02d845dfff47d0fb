package dev.stratus.api.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A user holds a role on a project: admin, member, reader or service (see {@code Roles}). */
@Entity
@Table(name = "role_assignment")
@IdClass(RoleAssignment.Key.class)
public class RoleAssignment extends PanacheEntityBase {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Id
    @Column(name = "project_id")
    public String projectId;
    @Id
    public String role;

    public static Set<String> roles(String userId, String projectId) {
        List<RoleAssignment> rows = list("userId = ?1 and projectId = ?2", userId, projectId);
        Set<String> roles = new TreeSet<>();
        rows.forEach(r -> roles.add(r.role));
        return roles;
    }

    public static List<RoleAssignment> ofProject(String projectId) {
        return list("projectId = ?1 order by userId, role", projectId);
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public String userId;
        public String projectId;
        public String role;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && Objects.equals(projectId, k.projectId)
                    && Objects.equals(role, k.role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, projectId, role);
        }
    }
}
