package dev.stratus.image.quota;

import dev.stratus.image.config.ImageServiceConfig;
import dev.stratus.platform.auth.ServiceLogin;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** image-service's {@link ServiceLogin}: its service user from {@code stratus.image.*}. */
public class ServiceLoginProducer {
    @Produces
    @Singleton
    ServiceLogin serviceLogin(ImageServiceConfig config) {
        return new ServiceLogin("image-service", config.identityUrl(), config.serviceUser(), config.serviceProject(),
                config.servicePassword(), config.identityTimeout());
    }
}
