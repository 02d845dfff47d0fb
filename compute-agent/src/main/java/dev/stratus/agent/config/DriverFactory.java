package dev.stratus.agent.config;

import dev.stratus.agent.driver.ComputeDriver;

/**
 * Builds one kind of {@link ComputeDriver}; the agent uses the factory whose {@link #name()} equals
 * {@code stratus.agent.driver}. Factories are CDI beans, so a test classpath can add one (the fake driver).
 */
public interface DriverFactory {
    String name();

    ComputeDriver create(AgentConfig config);
}
