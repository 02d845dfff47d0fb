package dev.stratus.api.identity;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.platform.auth.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * At start-up, makes the signing key and the configured users (idempotent): {@code admin} (admin on project
 * {@code admin}), {@code demo} (member of project {@code demo}), {@code compute-agent}, {@code network-service}
 * and {@code image-service} (service on project {@code service}). See {@code stratus.api.bootstrap.*}.
 */
@ApplicationScoped
public class Bootstrap {
    public static final String ADMIN_PROJECT = "admin";
    public static final String DEMO_PROJECT = "demo";
    public static final String SERVICE_PROJECT = "service";
    private static final Logger LOG = Logger.getLogger(Bootstrap.class);

    @Inject
    ApiConfig config;
    @Inject
    Directory directory;
    @Inject
    SigningKeys keys;

    void onStart(@Observes StartupEvent event) {
        keys.signing();
        config.bootstrap().adminPassword().ifPresent(p -> grant(ADMIN_PROJECT, "admin", p, Roles.ADMIN));
        config.bootstrap().demoPassword().ifPresent(p -> grant(DEMO_PROJECT, "demo", p, Roles.MEMBER));
        config.bootstrap().agentPassword().ifPresent(p -> grant(SERVICE_PROJECT, "compute-agent", p, Roles.SERVICE));
        config.bootstrap().networkPassword().ifPresent(p -> grant(SERVICE_PROJECT, "network-service", p,
                Roles.SERVICE));
        config.bootstrap().imagePassword().ifPresent(p -> grant(SERVICE_PROJECT, "image-service", p,
                Roles.SERVICE));
    }

    private void grant(String projectName, String userName, String password, String role) {
        Project project = directory.ensureProject(projectName, "made at first start");
        directory.ensureUser(userName, password);
        directory.assign(project.id, userName, role);
        LOG.infof("bootstrap: user %s has role %s on project %s", userName, role, projectName);
    }
}
