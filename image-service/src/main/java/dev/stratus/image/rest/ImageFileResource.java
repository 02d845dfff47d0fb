package dev.stratus.image.rest;

import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.service.ImageCatalog;
import dev.stratus.image.service.ImageUpload;
import dev.stratus.image.store.ContentStore;
import dev.stratus.platform.problem.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.InputStream;

/**
 * Image data: {@code /v1/images/{id}/file}. The upload body is taken as an InputStream on a worker thread, so
 * Quarkus REST streams it (it buffers only {@code quarkus.rest.input-buffer-size} bytes, then reads blocking);
 * the download is sent from the file (sendfile), never loaded.
 */
@Path("/v1/images/{id}/file")
public class ImageFileResource {
    private final ImageCatalog catalog;
    private final ImageUpload upload;
    private final ContentStore content;

    public ImageFileResource(ImageCatalog catalog, ImageUpload upload, ContentStore content) {
        this.catalog = catalog;
        this.upload = upload;
        this.content = content;
    }

    @PUT
    @Blocking
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public ImageView upload(@PathParam("id") String id, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
                            InputStream body) {
        return ImageView.of(upload.upload(ImageIds.parse(id), body, length == null ? -1 : length));
    }

    @GET
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response download(@PathParam("id") String id) {
        Image image = activeImage(id);
        return headers(image, content.pathOf(image.osHashValue).toFile()).build();
    }

    @HEAD
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    public Response head(@PathParam("id") String id) {
        Image image = activeImage(id);
        return headers(image, null).header(HttpHeaders.CONTENT_LENGTH, image.size).build();
    }

    private Image activeImage(String id) {
        Image image = catalog.get(ImageIds.parse(id));
        if (image.status != ImageStatus.ACTIVE) {
            throw ApiException.conflict("image " + image.id + " is " + image.status.wire() + "; it has no data to "
                    + "download until it is active");
        }
        return image;
    }

    private static Response.ResponseBuilder headers(Image image, Object entity) {
        return Response.ok(entity, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .tag(new EntityTag(image.osHashValue));
    }
}
