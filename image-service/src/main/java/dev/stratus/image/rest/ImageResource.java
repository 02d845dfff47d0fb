package dev.stratus.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.image.quota.ProjectUsage;
import dev.stratus.image.quota.QuotaLimits;
import dev.stratus.image.service.ImageCatalog;
import dev.stratus.image.service.ImageLists;
import dev.stratus.image.service.NewImage;
import dev.stratus.platform.auth.Caller;
import dev.stratus.platform.idempotency.Idempotent;
import dev.stratus.platform.problem.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;

/**
 * Image metadata: {@code /v1/images}. {@code PATCH} takes a JSON merge patch (RFC 7396, see
 * {@link ImageMergePatch}); tags can also be added and removed one by one, as in Glance; {@code actions/deactivate}
 * and {@code actions/reactivate} switch an active image off (no download, no new servers) and on.
 */
@Path("/v1/images")
@Produces(MediaType.APPLICATION_JSON)
public class ImageResource {
    private final ImageCatalog catalog;
    private final Caller caller;
    private final QuotaLimits quotas;
    private final ImageLists lists;

    public ImageResource(ImageCatalog catalog, Caller caller, QuotaLimits quotas, ImageLists lists) {
        this.lists = lists;
        this.catalog = catalog;
        this.caller = caller;
        this.quotas = quotas;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Idempotent
    @Parameter(in = ParameterIn.HEADER, name = "Idempotency-Key")
    @Operation(operationId = "createImage", summary = "Register an image",
            description = "Creates the image record (status queued) in the token's project; upload its data with "
            + "uploadImageFile. Counts against the project's images quota. The same Idempotency-Key "
            + "with the same body returns the first answer again.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImageView.class)),
            headers = @Header(name = "Location", description = "The new image: /v1/images/{id}",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response create(@jakarta.validation.Valid CreateImageRequest request, @Context UriInfo uri) {
        caller.requireWrite(); // a reader learns nothing about its body: 403 first
        if (request == null) {
            throw ApiException.badRequest(null, "a JSON body is required");
        }
        NewImage validated = request.validated();
        // read before the create's transaction (no connection held over the call to api-service)
        long limit = quotas.limit(caller.projectId(), ProjectUsage.IMAGES);
        ImageView image = ImageView.of(catalog.create(validated, limit));
        return Response.created(uri.getAbsolutePathBuilder().path(image.id().toString()).build()).entity(image).build();
    }

    @GET
    @Operation(operationId = "listImages",
            summary = "The images the caller may see", description = "Its project's, public ones and shared ones"
            + " its project is a member of (every image for administrators). " + ImageList.PAGING)
    public ImageList list(@Context UriInfo uri) {
        var page = lists.images(uri.getQueryParameters());
        return new ImageList(page.items().stream().map(ImageView::of).toList(), page.next());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getImage", summary = "Show an image",
            description = "An image the caller may see: its project's, a public one, or one shared with its "
            + "project.")
    public ImageView get(@PathParam("id") String id) {
        return ImageView.of(catalog.get(ImageIds.parse(id)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ImageMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "updateImage", summary = "Change an image",
            description = "A JSON merge patch of name, visibility, min_disk, min_ram, protected, tags and "
            + "properties; the owner project only.")
    public ImageView update(@PathParam("id") String id, JsonNode patch) {
        return ImageView.of(catalog.update(ImageIds.parse(id), ImageMergePatch.parse(patch)));
    }

    @PUT
    @Path("/{id}/tags/{tag}")
    @Operation(operationId = "addImageTag", summary = "Tag an image",
            description = "Adds one tag (idempotent).")
    public ImageView addTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        return ImageView.of(catalog.tag(ImageIds.parse(id), CreateImageRequest.validTag(tag), true));
    }

    @DELETE
    @Path("/{id}/tags/{tag}")
    @Operation(operationId = "removeImageTag", summary = "Untag an image",
            description = "Removes one tag (idempotent).")
    public ImageView removeTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        return ImageView.of(catalog.tag(ImageIds.parse(id), tag, false));
    }

    @POST
    @Path("/{id}/actions/deactivate")
    @Operation(operationId = "deactivateImage", summary = "Deactivate an image",
            description = "Its data can no longer be downloaded nor booted (a 409) until it is reactivated; the owner "
            + "project or an administrator.")
    public ImageView deactivate(@PathParam("id") String id) {
        return ImageView.of(catalog.setActive(ImageIds.parse(id), false));
    }

    @POST
    @Path("/{id}/actions/reactivate")
    @Operation(operationId = "reactivateImage", summary = "Reactivate an image",
            description = "Makes a deactivated image active again; the owner project or an administrator.")
    public ImageView reactivate(@PathParam("id") String id) {
        return ImageView.of(catalog.setActive(ImageIds.parse(id), true));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteImage", summary = "Delete an image",
            description = "Deletes the record and, when no other image holds the same bytes, the data. A protected "
            + "image is a 409.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        catalog.delete(ImageIds.parse(id));
        return Response.noContent().build();
    }
}
