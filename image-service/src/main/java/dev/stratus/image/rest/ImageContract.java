package dev.stratus.image.rest;

import dev.stratus.image.service.ImageLists;
import dev.stratus.platform.openapi.ContractFilter;
import dev.stratus.platform.paging.ListQuery;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import java.util.List;
import java.util.Map;

/**
 * image-service's OpenAPI description beyond its annotations (see {@link ContractFilter}): the list routes' query
 * parameters (see {@link ImageLists}), the members list body, the closed sets of the create request and an example.
 */
public class ImageContract extends ContractFilter {
    @Override
    protected List<ListQuery<?>> lists() {
        return ImageLists.ALL;
    }

    @Override
    protected void refine(OpenAPI openApi) {
        listBody(openApi, "/v1/images/{id}/members", "ImageMemberList", "members", "ImageMemberView", true);
        required(openApi, "ImageList", "images");
        for (String[] closed : new String[][] {{"disk_format", "DiskFormat"}, {"container_format", "ContainerFormat"},
                {"visibility", "Visibility"}}) {
            enumerate(openApi, "CreateImageRequest", closed[0], values(schema(openApi, closed[1])));
        }
        required(openApi, "CreateImageRequest", "name", "disk_format", "container_format");
        required(openApi, "ImageView", "id", "name", "status", "visibility", "disk_format", "container_format",
                "owner", "protected", "tags", "created_at");
        readOnly(openApi, "ImageView", "status", "size", "checksum", "os_hash_algo", "os_hash_value");
        required(openApi, "ImageMemberView", "image_id", "member");
        imageUpdate(openApi);
        // only an active image's data can be read: a queued, saving, killed or deactivated one is a 409
        alsoAnswers(openApi, "/v1/images/{id}/file", HttpMethod.GET, "409");
        alsoAnswers(openApi, "/v1/images/{id}/file", HttpMethod.HEAD, "409");
        operation(openApi, "/v1/images", HttpMethod.POST).getRequestBody().getContent()
                .getMediaType("application/json").setExample(Map.of("name", "debian-12", "disk_format", "qcow2",
                        "container_format", "bare", "visibility", "private", "min_disk", 2,
                        "properties", Map.of("os_distro", "debian")));
    }

    /** The body of {@code PATCH /v1/images/{id}} (the resource reads a JsonNode: {@link ImageMergePatch}). */
    private static void imageUpdate(OpenAPI openApi) {
        Schema update = object().description("A JSON merge patch (RFC 7396): only the members sent change; a"
                + " property set to null is removed")
                .addProperty("name", typed(SchemaType.STRING, "A new name"))
                .addProperty("disk_format", ref("DiskFormat"))
                .addProperty("container_format", ref("ContainerFormat"))
                .addProperty("visibility", ref("Visibility"))
                .addProperty("min_disk", typed(SchemaType.INTEGER, "Smallest disk to boot it, GB").format("int32"))
                .addProperty("min_ram", typed(SchemaType.INTEGER, "Smallest RAM to boot it, MB").format("int32"))
                .addProperty("protected", typed(SchemaType.BOOLEAN, "A protected image cannot be deleted"))
                .addProperty("tags", typed(SchemaType.ARRAY, "The image's tags, all of them")
                        .items(typed(SchemaType.STRING, null)))
                .addProperty("properties", typed(SchemaType.OBJECT, "Properties to set; null removes one")
                        .additionalPropertiesSchema(typed(SchemaType.STRING, null).addType(SchemaType.NULL)));
        update.additionalPropertiesBoolean(Boolean.FALSE);
        openApi.getComponents().addSchema("UpdateImageRequest", update);
        operation(openApi, "/v1/images/{id}", HttpMethod.PATCH).getRequestBody().getContent().getMediaTypes()
                .values().forEach(media -> media.setSchema(ref("UpdateImageRequest")));
    }

    private static List<String> values(Schema enumeration) {
        return enumeration.getEnumeration().stream().map(String::valueOf).toList();
    }
}
