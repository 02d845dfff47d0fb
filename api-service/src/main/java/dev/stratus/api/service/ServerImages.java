package dev.stratus.api.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.api.client.ImageServiceClient;
import dev.stratus.contracts.ImageRef;
import dev.stratus.platform.client.Upstream;
import dev.stratus.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * The images servers boot from: resolves a user's image reference (id or name) through image-service
 * ({@link ImageServiceClient}), with the caller's own token: a server can only boot an image its project may see
 * (own, public, or shared with it). (image-service's {@code ImageCatalog} is the catalog itself.)
 */
@ApplicationScoped
public class ServerImages {
    /** An active image and what an agent needs to boot it. */
    public record ResolvedImage(String id, String name, ImageRef ref) {
    }

    @Inject
    @RestClient
    ImageServiceClient imageService;
    @Inject
    JsonWebToken jwt;

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
        JsonNode image = CallerToken.isId(imageId) ? get(() -> imageService.image(imageId, authorization())) : null;
        if (image == null) {
            return null;
        }
        JsonNode props = image.path("properties");
        return new ImageRef(imageId, text(props, "kernel_id"), text(props, "ramdisk_id"));
    }

    private Optional<JsonNode> lookup(String reference) {
        if (CallerToken.isId(reference)) {
            JsonNode byId = get(() -> imageService.image(reference, authorization()));
            if (byId != null) {
                return Optional.of(byId);
            }
        }
        JsonNode list = get(() -> imageService.imagesNamed(reference, authorization()));
        if (list == null || list.path("images").size() == 0) {
            return Optional.empty();
        }
        if (list.path("images").size() > 1) {
            throw ApiException.badRequest("image", "more than one image is named '" + reference
                    + "': give the image id instead");
        }
        return Optional.of(list.path("images").get(0));
    }

    /** The answer, or null for a 404 (see {@link Upstream#find}). */
    private static JsonNode get(java.util.function.Supplier<JsonNode> call) {
        return Upstream.find("image-service", call);
    }

    /** The caller's own token: the caller sees only its images. */
    private String authorization() {
        return jwt != null && jwt.getRawToken() != null ? "Bearer " + jwt.getRawToken() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isEmpty() ? null : value.asText();
    }
}
