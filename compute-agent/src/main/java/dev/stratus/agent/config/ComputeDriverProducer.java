package dev.stratus.agent.config;

import dev.stratus.agent.driver.ComputeDriver;
import io.quarkus.arc.All;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.List;

/** Produces the one {@link ComputeDriver} of this agent, chosen by {@code stratus.agent.driver}. */
public class ComputeDriverProducer {
    private static final Logger LOG = Logger.getLogger(ComputeDriverProducer.class);

    @Produces
    @Singleton
    ComputeDriver driver(AgentConfig config, @All List<DriverFactory> factories) {
        DriverFactory factory = factories.stream().filter(f -> f.name().equals(config.driver())).findFirst()
                .orElseThrow(() -> new IllegalStateException("stratus.agent.driver=" + config.driver()
                        + " is not available; choose one of " + factories.stream().map(DriverFactory::name).toList()));
        LOG.infof("compute driver: %s", factory.name());
        return factory.create(config);
    }

    void close(@Disposes ComputeDriver driver) throws Exception {
        if (driver instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
