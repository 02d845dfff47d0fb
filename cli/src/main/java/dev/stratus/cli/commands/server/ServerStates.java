package dev.stratus.cli.commands.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.api.Lookup;
import dev.stratus.cli.api.Pages;
import dev.stratus.cli.watch.Goal;
import dev.stratus.cli.watch.Ticker;
import dev.stratus.cli.watch.Watch;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.ServersApi;
import dev.stratus.client.model.ActionView;
import dev.stratus.client.model.ServerView;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * A server as the waits see it: its id from a name, its state read as the API's JSON ({@code status},
 * {@code task_state}, {@code fault}), and the goals of each action (the state the lifecycle table says it ends in).
 */
final class ServerStates {
    private final ServersApi api;
    private final ObjectMapper mapper;

    ServerStates(ServersApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    /** The id of the server named or identified by {@code nameOrId}. */
    String id(String nameOrId) {
        return Lookup.id("server", nameOrId, name -> Pages.all(marker -> {
            var page = api.listServers(null, name, null, null, null, null, null, null, null, null, marker,
                    null, null);
            return new Pages.Page<>(page.getServers(), page.getNext());
        }, ServerView::getId, null, null).stream().map(s -> String.valueOf(s.getId())).toList());
    }

    /** The server, or null once it is gone (404). */
    JsonNode read(String id) throws ApiException {
        try {
            return mapper.valueToTree(api.getServer(id));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    JsonNode tree(Object server) {
        return mapper.valueToTree(server);
    }

    /** {@code BUILDING (spawning)}, {@code ACTIVE}. */
    static String describe(JsonNode server) {
        String status = server.path("status").asText("?");
        JsonNode task = server.path("task_state");
        return task.isTextual() && !task.asText().isEmpty() ? status + " (" + task.asText() + ")" : status;
    }

    static boolean settled(JsonNode server) {
        JsonNode task = server.path("task_state");
        return task.isMissingNode() || task.isNull() || task.asText().isEmpty();
    }

    /**
     * The goal of an action that ends in {@code expected} (null: any stable state but BUILDING). It fails when the
     * task ends with the server in ERROR, or in another state (the action failed: its history entry says why); a
     * server in ERROR while a task runs (a rebuild or a delete of a server in ERROR) is still on its way.
     */
    Goal<JsonNode> settlesIn(String expected, String serverId) {
        return new Goal<>(expected == null ? "settled" : expected,
                s -> settled(s) && (expected == null ? !Set.of("BUILDING", "ERROR").contains(status(s))
                        : status(s).equals(expected)),
                s -> settled(s) && (status(s).equals("ERROR")
                        || (expected != null && !Set.of(expected, "BUILDING").contains(status(s)))),
                s -> fault(s, serverId));
    }

    private static String status(JsonNode server) {
        return server.path("status").asText();
    }

    /** The server's fault, else the message of its latest failed action. */
    private String fault(JsonNode server, String serverId) {
        String fault = server.path("fault").asText("");
        if (!fault.isBlank()) {
            return fault;
        }
        try {
            List<ActionView> actions = api.listServerActions(serverId).getActions();
            for (int i = actions.size() - 1; i >= 0; i--) {
                ActionView action = actions.get(i);
                JsonNode a = mapper.valueToTree(action);
                if ("error".equals(a.path("result").asText())) {
                    return a.path("action").asText() + ": " + a.path("message").asText("");
                }
            }
        } catch (ApiException e) {
            return null;
        }
        return null;
    }

    Watch<JsonNode> watch(String label, String id, WaitOptions wait, PrintStream err, Ticker ticker) {
        return new Watch<>(label, () -> read(id), ServerStates::describe, err, wait.timeout, wait.interval, ticker);
    }

    static String label(JsonNode server) {
        String name = server.path("name").asText("");
        return "server " + (name.isEmpty() ? server.path("id").asText() : name);
    }
}
