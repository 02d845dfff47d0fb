package dev.stratus.api.service;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.api.identity.ServiceIdentity;
import dev.stratus.api.lifecycle.Transition;
import dev.stratus.api.lifecycle.InstanceLifecycle;
import dev.stratus.api.model.Instance;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Fetches a server's serial console log from the agent of its host, with api-service's service token. */
@ApplicationScoped
public class ConsoleReader {
    @Inject
    ApiConfig config;
    @Inject
    ServiceIdentity identity;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public String read(Instance instance, Long tailBytes) {
        InstanceLifecycle.require(instance, Transition.CONSOLE);
        if (tailBytes != null && tailBytes < 0) {
            throw ApiException.badRequest("tail_bytes", "tail_bytes must be zero or more");
        }
        if (instance.agentUrl == null) {
            throw ApiException.conflict("server " + instance.id + " has no console yet: it is not on a host ("
                    + instance.vmState + (instance.fault == null ? "" : ": " + instance.fault) + ")");
        }
        String query = tailBytes == null ? "" : "?tail_bytes=" + tailBytes;
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(instance.agentUrl + "/internal/v1/instances/" + instance.id + "/console" + query))
                .timeout(config.upstreamTimeout()).header("Authorization", identity.authorization()).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return "";
            }
            if (response.statusCode() != 200) {
                throw ApiException.unavailable("the agent of host " + instance.host + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw ApiException.unavailable("the agent of host " + instance.host + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }

}
