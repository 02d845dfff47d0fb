package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.api.config.ApiConfig;
import dev.stratus.contracts.ImageRef;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves a user's image reference (id or name) through image-service, with the caller's own token: a server can
 * only boot an image its project may see (own, public, or shared with it).
 */
@ApplicationScoped
public class ImageCatalog {
    /** An active image and what an agent needs to boot it. */
    public record ResolvedImage(String id, String name, ImageRef ref) {
    }

    @Inject
    ApiConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    JsonWebToken jwt;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Resolves the image or throws a 400 naming the {@code image} field; 503 when image-service is down. */
    public ResolvedImage resolve(String reference) {
        JsonNode image = lookup(reference).orElseThrow(() -> ApiException.badRequest("image",
                "image '" + reference + "' does not exist (give an image id or name from GET /v1/images)"));
        String status = image.path("status").asText();
        if (!"active".equals(status)) {
            throw ApiException.badRequest("image", "image '" + reference + "' is " + status
                    + ", not active: upload its data first");
        }
        JsonNode props = image.path("properties");
        ImageRef ref = new ImageRef(image.path("id").asText(), text(props, "kernel_id"), text(props, "ramdisk_id"));
        return new ResolvedImage(ref.id(), image.path("name").asText(), ref);
    }

    /** The kernel and ramdisk references of an image by id, or null when it is gone (any status). */
    public ImageRef resolveRef(String imageId) {
        JsonNode image = isUuid(imageId) ? get("/v1/images/" + imageId) : null;
        if (image == null) {
            return null;
        }
        JsonNode props = image.path("properties");
        return new ImageRef(imageId, text(props, "kernel_id"), text(props, "ramdisk_id"));
    }

    private Optional<JsonNode> lookup(String reference) {
        if (isUuid(reference)) {
            JsonNode byId = get("/v1/images/" + reference);
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        JsonNode list = get("/v1/images?name=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
        if (list == null || list.path("images").size() == 0) {
            return Optional.empty();
        }
        if (list.path("images").size() > 1) {
            throw ApiException.badRequest("image", "more than one image is named '" + reference
                    + "': give the image id instead");
        }
        return Optional.of(list.path("images").get(0));
    }

    private JsonNode get(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(config.imageServiceUrl() + path))
                .timeout(config.upstreamTimeout()).header("Accept", "application/json").GET();
        if (jwt != null && jwt.getRawToken() != null) {
            builder.header("Authorization", "Bearer " + jwt.getRawToken()); // the caller sees only its images
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return null;
            }
            if (response.statusCode() != 200) {
                throw ApiException.unavailable("image-service answered " + response.statusCode());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw ApiException.unavailable("image-service is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        }
    }


    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
