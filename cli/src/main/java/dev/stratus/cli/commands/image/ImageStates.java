package dev.stratus.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.api.Lookup;
import dev.stratus.cli.api.Pages;
import dev.stratus.cli.watch.Goal;
import dev.stratus.cli.watch.Ticker;
import dev.stratus.cli.watch.Watch;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.ImagesApi;
import dev.stratus.client.model.ImageView;

import java.io.PrintStream;

/** Images by name or id, read as the API's JSON; the wait for {@code active} ({@code killed} fails it). */
public final class ImageStates {
    public static final Goal<JsonNode> ACTIVE = new Goal<>("active",
            i -> i.path("status").asText().equals("active"),
            i -> i.path("status").asText().equals("killed"),
            i -> "its data was refused or lost");

    private final ImagesApi api;
    private final ObjectMapper mapper;

    public ImageStates(ImagesApi api, ObjectMapper mapper) {
        this.api = api;
        this.mapper = mapper;
    }

    public String id(String nameOrId) {
        return Lookup.id("image", nameOrId, name -> Pages.all(marker -> {
            var page = api.listImages(name, null, null, null, null, null, null, null, null, null, null, null,
                    marker, null, null);
            return new Pages.Page<>(page.getImages(), page.getNext());
        }, ImageView::getId, null, null).stream().map(i -> String.valueOf(i.getId())).toList());
    }

    public JsonNode read(String id) throws ApiException {
        try {
            return mapper.valueToTree(api.getImage(id));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    public Watch<JsonNode> watch(String label, String id, WaitOptions wait, PrintStream err, Ticker ticker) {
        return new Watch<>(label, () -> read(id), i -> i.path("status").asText(), err, wait.timeout, wait.interval,
                ticker);
    }
}
