package dev.stratus.agent.auth;

import dev.stratus.agent.config.AgentConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one {@link ServiceToken} of this agent, from {@code stratus.agent.identity-url} and the service user. */
public class ServiceTokenProducer {
    @Produces
    @Singleton
    ServiceToken serviceToken(AgentConfig config) {
        return new ServiceToken(config.identityUrl(), config.serviceUser(), config.serviceProject(),
                config.servicePassword());
    }
}
