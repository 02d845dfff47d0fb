package dev.stratus.api.service;

import dev.stratus.api.client.AgentClient;
import dev.stratus.api.identity.ServiceIdentity;
import dev.stratus.api.lifecycle.Transition;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.model.Instance;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Fetches a server's serial console log from the agent of its host, with api-service's service token. */
@ApplicationScoped
public class ConsoleReader {
    @Inject
    @RestClient
    AgentClient agents;
    @Inject
    ServiceIdentity identity;

    public String read(Instance instance, Long tailBytes) {
        InstanceLifecycle.require(instance, Transition.CONSOLE);
        if (tailBytes != null && tailBytes < 0) {
            throw ApiException.badRequest("tail_bytes", "tail_bytes must be zero or more");
        }
        if (instance.agentUrl == null) {
            throw ApiException.conflict("server " + instance.id + " has no console yet: it is not on a host ("
                    + instance.vmState + (instance.fault == null ? "" : ": " + instance.fault) + ")");
        }
        String log = Upstream.find("the agent of host " + instance.host, () -> agents.console(instance.agentUrl,
                instance.id.toString(), tailBytes, identity.authorization()));
        return log == null ? "" : log; // a 404: no log yet
    }
}
