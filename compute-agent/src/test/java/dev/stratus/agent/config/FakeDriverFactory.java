package dev.stratus.agent.config;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.FakeDriver;
import dev.stratus.agent.driver.HostCapabilities;
import jakarta.inject.Singleton;

/** Offers {@code stratus.agent.driver=fake} on the test classpath: one in-memory {@link FakeDriver}. */
@Singleton
public class FakeDriverFactory implements DriverFactory {
    private final FakeDriver driver = new FakeDriver(new HostCapabilities("test-host", 4, 8192, 100, "qemu"));

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public ComputeDriver create(AgentConfig config) {
        return driver;
    }

    public FakeDriver driver() {
        return driver;
    }
}
