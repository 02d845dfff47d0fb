package dev.stratus.api.identity;

import dev.stratus.platform.problem.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns credentials into a token: a user's password and a project the user holds a role on, or an application
 * credential's id and secret. Every failure is the same 401, so it does not tell which part was wrong.
 */
@ApplicationScoped
public class Authenticator {
    @Inject
    PasswordHasher hasher;
    @Inject
    TokenIssuer issuer;
    @Inject
    ApplicationCredentials credentials;

    public TokenIssuer.IssuedToken byPassword(String userRef, String password, String projectRef) {
        if (userRef == null || password == null || projectRef == null) {
            throw ApiException.badRequest(userRef == null ? "user" : password == null ? "password" : "project",
                    "user, password and project are required (or application_credential_id and secret)");
        }
        record Grant(User user, String projectId, Set<String> roles) {
        }
        Grant grant = QuarkusTransaction.requiringNew().call(() -> {
            User user = User.findByIdOrName(userRef).orElse(null);
            Project project = Project.findByIdOrName(projectRef).orElse(null);
            Set<String> roles = user == null || project == null ? Set.of() : RoleAssignment.roles(user.id, project.id);
            return new Grant(user, project == null ? null : project.id, roles);
        });
        boolean ok = hasher.matches(password, grant.user() == null ? null : grant.user().passwordHash);
        if (!ok || !grant.user().enabled || grant.roles().isEmpty()) {
            throw invalid();
        }
        return issuer.issue(grant.user(), grant.projectId(), grant.roles(), null);
    }

    public TokenIssuer.IssuedToken byApplicationCredential(String id, String secret) {
        if (id == null || secret == null) {
            throw ApiException.badRequest(id == null ? "application_credential_id" : "secret",
                    "application_credential_id and secret are both required");
        }
        ApplicationCredential credential = credentials.authenticate(id, secret);
        if (credential == null) {
            throw invalid();
        }
        User user = QuarkusTransaction.requiringNew().call(() -> User.<User>findById(credential.userId));
        Set<String> held = QuarkusTransaction.requiringNew().call(() -> RoleAssignment.roles(user.id, credential.projectId));
        Set<String> roles = new TreeSet<>(Arrays.asList(credential.roles.split(",")));
        roles.retainAll(held); // a role taken from the user since is not delegated any more
        if (!user.enabled || roles.isEmpty()) {
            throw invalid();
        }
        return issuer.issue(user, credential.projectId, roles, credential.id);
    }

    private static ApiException invalid() {
        return new ApiException(401, "Unauthorized", "the credentials are not valid for that project", null);
    }
}
