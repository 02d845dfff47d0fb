package dev.stratus.image.rest;

import dev.stratus.image.service.ImageLists;
import dev.stratus.platform.openapi.ContractFilter;
import dev.stratus.platform.paging.ListQuery;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Schema;

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
        operation(openApi, "/v1/images", HttpMethod.POST).getRequestBody().getContent()
                .getMediaType("application/json").setExample(Map.of("name", "debian-12", "disk_format", "qcow2",
                        "container_format", "bare", "visibility", "private", "min_disk", 2,
                        "properties", Map.of("os_distro", "debian")));
    }

    private static List<String> values(Schema enumeration) {
        return enumeration.getEnumeration().stream().map(String::valueOf).toList();
    }
}
