package dev.stratus.agent.events;

import dev.stratus.agent.config.HostIdentity;
import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.HostCapabilities;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.Topics;
import dev.stratus.platform.events.EventPublisher;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishes this host's capacity and its Stratus domains as a {@link HostReport}, keyed by host name. */
@Singleton
public class HostReporter {
    private static final Logger LOG = Logger.getLogger(HostReporter.class);

    private final ComputeDriver driver;
    private final EventPublisher publisher;
    private final HostIdentity identity;

    public HostReporter(ComputeDriver driver, EventPublisher publisher, HostIdentity identity) {
        this.driver = driver;
        this.publisher = publisher;
        this.identity = identity;
    }

    /** Sends one report; failures are logged, the next period tries again. */
    public void reportNow() {
        try {
            HostCapabilities capabilities = driver.capabilities();
            List<String> instanceIds = driver.list().stream().map(InstanceInfo::instanceId).sorted().toList();
            HostReport report = new HostReport(UUID.randomUUID().toString(), HostReport.VERSION, identity.host(),
                    identity.agentUrl(), capabilities.vcpus(), capabilities.ramMb(), capabilities.diskGb(),
                    capabilities.virtType(), instanceIds, Instant.now());
            publisher.publish(Topics.HOST_REPORTS, identity.host(), report);
        } catch (RuntimeException e) {
            LOG.warnf("cannot publish host report: %s", e.toString());
        }
    }
}
