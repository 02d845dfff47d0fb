package dev.stratus.network.quota;

import dev.stratus.network.config.NetworkServiceConfig;
import dev.stratus.platform.auth.ServiceLogin;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** network-service's {@link ServiceLogin}: its service user from {@code stratus.network.*}. */
public class ServiceLoginProducer {
    @Produces
    @Singleton
    ServiceLogin serviceLogin(NetworkServiceConfig config) {
        return new ServiceLogin("network-service", config.identityUrl(), config.serviceUser(), config.serviceProject(),
                config.servicePassword(), config.identityTimeout());
    }
}
