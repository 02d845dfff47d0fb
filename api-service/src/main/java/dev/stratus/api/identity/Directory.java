package dev.stratus.api.identity;

import dev.stratus.platform.auth.Roles;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Projects, users and role assignments: what the admin APIs and the start-up bootstrap change. */
@ApplicationScoped
public class Directory {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.MEMBER, Roles.READER, Roles.SERVICE);

    @Inject
    PasswordHasher hasher;
    @Inject
    Revocations revocations;

    @Transactional
    public Project createProject(String name, String description) {
        requireName(name);
        if (Project.findByIdOrName(name).isPresent()) {
            throw ApiException.conflict("a project named " + name + " exists");
        }
        Project project = new Project();
        project.id = UUID.randomUUID().toString().replace("-", "");
        project.name = name;
        project.description = description;
        project.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        project.persist();
        return project;
    }

    @Transactional
    public User createUser(String name, String password) {
        requireName(name);
        if (password == null || password.length() < 8) {
            throw ApiException.badRequest("password", "password must have at least 8 characters");
        }
        if (User.findByIdOrName(name).isPresent()) {
            throw ApiException.conflict("a user named " + name + " exists");
        }
        User user = new User();
        user.id = UUID.randomUUID().toString().replace("-", "");
        user.name = name;
        user.passwordHash = hasher.hash(password);
        user.enabled = true;
        user.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        user.persist();
        return user;
    }

    /** Grants {@code role} to the user on the project (idempotent). */
    @Transactional
    public RoleAssignment assign(String projectId, String userRef, String role) {
        if (role == null || !ROLES.contains(role)) {
            throw ApiException.badRequest("role", "role must be one of " + ROLES);
        }
        User user = User.findByIdOrName(userRef)
                .orElseThrow(() -> ApiException.badRequest("user", "user '" + userRef + "' does not exist"));
        RoleAssignment.Key key = new RoleAssignment.Key();
        key.userId = user.id;
        key.projectId = projectId;
        key.role = role;
        RoleAssignment existing = RoleAssignment.findById(key);
        if (existing != null) {
            return existing;
        }
        RoleAssignment assignment = new RoleAssignment();
        assignment.userId = user.id;
        assignment.projectId = projectId;
        assignment.role = role;
        assignment.persist();
        return assignment;
    }

    /** Enables or disables a user; disabling revokes every token of the user in every service. 404 if unknown. */
    @Transactional
    public User setEnabled(String userRef, boolean enabled) {
        User user = User.findByIdOrName(userRef).orElseThrow(() -> ApiException.notFound("user", userRef));
        if (user.enabled && !enabled) {
            revocations.user(user.id);
        }
        user.enabled = enabled;
        return user;
    }

    /**
     * Deletes a user: every token of it is revoked in every service (as when disabled), its application credentials
     * (revoked too) and role assignments go with it, in one transaction. Key pairs it created stay with their
     * projects. A user cannot delete itself (409: an admin would lock itself out); unknown: 404.
     */
    @Transactional
    public void deleteUser(String userRef, String callerUserId) {
        User user = User.findByIdOrName(userRef).orElseThrow(() -> ApiException.notFound("user", userRef));
        if (user.id.equals(callerUserId)) {
            throw ApiException.conflict("a user cannot delete itself; ask another administrator");
        }
        ApplicationCredential.<ApplicationCredential>list("userId = ?1 and revokedAt is null", user.id)
                .forEach(revocations::credential);
        revocations.user(user.id);
        ApplicationCredential.delete("userId = ?1", user.id);
        RoleAssignment.delete("userId = ?1", user.id);
        user.delete();
    }

    /** Takes a role away; the user's tokens on the project issued until now are revoked in every service. */
    @Transactional
    public boolean unassign(String projectId, String userId, String role) {
        boolean removed = RoleAssignment.delete("projectId = ?1 and userId = ?2 and role = ?3", projectId, userId,
                role) > 0;
        if (removed) {
            revocations.userOnProject(userId, projectId);
        }
        return removed;
    }

    /** The project named {@code name}, created if missing (bootstrap). */
    @Transactional
    public Project ensureProject(String name, String description) {
        return Project.findByIdOrName(name).orElseGet(() -> createProject(name, description));
    }

    /** The user named {@code name}, created with {@code password} if missing; an existing one keeps its password. */
    @Transactional
    public User ensureUser(String name, String password) {
        return User.findByIdOrName(name).orElseGet(() -> createUser(name, password));
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("name", "name must be 1-63 letters, digits, '.', '_' or '-', starting"
                    + " with a letter or digit");
        }
    }
}
