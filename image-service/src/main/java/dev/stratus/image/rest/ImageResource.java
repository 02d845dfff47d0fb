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
    @Operation(summary = "The images the caller may see", description = "Its project's, public ones and shared ones"
            + " its project is a member of (every image for administrators). " + ImageList.PAGING)
    public ImageList list(@Context UriInfo uri) {
        var page = lists.images(uri.getQueryParameters());
        return new ImageList(page.items().stream().map(ImageView::of).toList(), page.next());
    }

    @GET
    @Path("/{id}")
    public ImageView get(@PathParam("id") String id) {
        return ImageView.of(catalog.get(ImageIds.parse(id)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({ImageMergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    public ImageView update(@PathParam("id") String id, JsonNode patch) {
        return ImageView.of(catalog.update(ImageIds.parse(id), ImageMergePatch.parse(patch)));
    }

    @PUT
    @Path("/{id}/tags/{tag}")
    public ImageView addTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        return ImageView.of(catalog.tag(ImageIds.parse(id), CreateImageRequest.validTag(tag), true));
    }

    @DELETE
    @Path("/{id}/tags/{tag}")
    public ImageView removeTag(@PathParam("id") String id, @PathParam("tag") String tag) {
        return ImageView.of(catalog.tag(ImageIds.parse(id), tag, false));
    }

    @POST
    @Path("/{id}/actions/deactivate")
    public ImageView deactivate(@PathParam("id") String id) {
        return ImageView.of(catalog.setActive(ImageIds.parse(id), false));
    }

    @POST
    @Path("/{id}/actions/reactivate")
    public ImageView reactivate(@PathParam("id") String id) {
        return ImageView.of(catalog.setActive(ImageIds.parse(id), true));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        catalog.delete(ImageIds.parse(id));
        return Response.noContent().build();
    }
}
