package dev.stratus.image.rest;

import dev.stratus.image.model.Image;
import dev.stratus.image.model.ImageStatus;
import dev.stratus.image.service.ImageCatalog;
import dev.stratus.image.store.ImageStore;
import dev.stratus.platform.problem.ApiException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.resteasy.reactive.PathPart;

import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;

/**
 * Image data: {@code GET/HEAD /v1/images/{id}/file}. The download is sent from the file (sendfile, a region of it
 * for a {@code Range}), never loaded. The upload ({@code PUT}) is {@link ImageUploadRoute}, a Vert.x route.
 */
@Path("/v1/images/{id}/file")
public class ImageFileResource {
    private static final String STREAM = MediaType.APPLICATION_OCTET_STREAM;

    private final ImageCatalog catalog;
    private final ImageStore store;

    public ImageFileResource(ImageCatalog catalog, ImageStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    @GET
    @Blocking
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(operationId = "downloadImageFile", summary = "Download an image's data",
            description = "The bytes of an active image, streamed; a Range header asks for part of them (206). "
            + "ETag, X-Image-Sha256 and X-Image-Md5 carry the checksums.")
    @APIResponse(responseCode = "200", description = "The data",
            content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = {@Header(name = "X-Image-Sha256", description = "SHA-256 of the whole image, hex",
                    schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "X-Image-Md5", description = "MD5 of the whole image, hex",
                    schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "206", description = "The requested range",
            content = @Content(mediaType = "application/octet-stream",
                    schema = @Schema(type = SchemaType.STRING, format = "binary")),
            headers = @Header(name = "Content-Range", description = "bytes first-last/size",
                    schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "416", description = "The range starts past the end of the data",
            headers = @Header(name = "Content-Range", description = "bytes */size",
                    schema = @Schema(type = SchemaType.STRING)))
    public Response download(@PathParam("id") String id, @HeaderParam("Range") String rangeHeader) {
        Image image = activeImage(id);
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(rangeHeader, image.size);
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + image.size)
                    .header("Accept-Ranges", "bytes").build();
        }
        long offset = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(image.size);
        java.nio.file.Path local = store.localFile(image.osHashValue);
        Object body = local != null ? new PathPart(local, offset, length) : stream(image.osHashValue, offset, length);
        Response.ResponseBuilder response = range.isPresent()
                ? Response.status(206).entity(body).type(STREAM).header("Content-Range", range.get()
                        .contentRange(image.size))
                : Response.ok(body, STREAM);
        return withHeaders(response, image).header(HttpHeaders.CONTENT_LENGTH, length).build();
    }

    @HEAD
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(operationId = "headImageFile", summary = "Read an image's data headers",
            description = "Content-Length and the checksums (X-Image-Sha256, X-Image-Md5, ETag) of an active image, "
            + "without the data.")
    @APIResponse(responseCode = "200", description = "The headers of the data",
            headers = {@Header(name = "X-Image-Sha256", description = "SHA-256 of the whole image, hex",
                    schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "X-Image-Md5", description = "MD5 of the whole image, hex",
                    schema = @Schema(type = SchemaType.STRING))})
    public Response head(@PathParam("id") String id) {
        Image image = activeImage(id);
        return withHeaders(Response.ok(null, STREAM), image).header(HttpHeaders.CONTENT_LENGTH, image.size).build();
    }

    private StreamingOutput stream(String sha256, long offset, long length) {
        return out -> {
            try (InputStream in = store.open(sha256, offset)) {
                long left = length;
                byte[] buffer = new byte[256 * 1024];
                int n;
                while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        };
    }

    private Image activeImage(String id) {
        Image image = catalog.get(ImageIds.parse(id));
        if (image.status != ImageStatus.ACTIVE) {
            throw ApiException.conflict("image " + image.id + " is " + image.status.wire() + "; only an active "
                    + "image's data can be downloaded");
        }
        return image;
    }

    private static Response.ResponseBuilder withHeaders(Response.ResponseBuilder response, Image image) {
        return response.tag(new EntityTag(image.osHashValue)).header("Accept-Ranges", "bytes")
                .header("X-Image-Sha256", image.osHashValue).header("X-Image-Md5", image.checksum);
    }
}
