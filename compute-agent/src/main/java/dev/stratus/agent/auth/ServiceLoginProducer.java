package dev.stratus.agent.auth;

import dev.stratus.agent.config.AgentConfig;
import dev.stratus.platform.auth.ServiceLogin;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * The agent's one {@link ServiceLogin}: its service user ({@code stratus.agent.service-user}, default
 * {@code compute-agent} in project {@code service}) logged in at {@code stratus.agent.identity-url}. The token is
 * cached and asked for again a minute before it expires; without {@code stratus.agent.service-password} the agent
 * sends no token.
 */
public class ServiceLoginProducer {
    /** How long the agent waits for api-service to connect and to answer a login. */
    static final Duration IDENTITY_TIMEOUT = Duration.ofSeconds(10);

    @Produces
    @Singleton
    ServiceLogin serviceLogin(AgentConfig config) {
        return new ServiceLogin("compute-agent", config.identityUrl(), config.serviceUser(), config.serviceProject(),
                config.servicePassword(), IDENTITY_TIMEOUT);
    }
}
