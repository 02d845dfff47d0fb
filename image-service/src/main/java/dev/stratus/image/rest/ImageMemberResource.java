package dev.stratus.image.rest;

import dev.stratus.image.model.ImageMember;
import dev.stratus.image.service.ImageLists;
import dev.stratus.image.service.ImageMembers;
import dev.stratus.platform.input.OneLine;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Member projects of a shared image: {@code /v1/images/{id}/members} (owner or administrator only). */
@Path("/v1/images/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
public class ImageMemberResource {
    /** Body of {@code POST}: the project to share the image with. */
    @Schema(name = "AddImageMemberRequest")
    public record AddMember(@Size(max = 64) @OneLine String member) {
    }

    /** A member as the API shows it. */
    @Schema(name = "ImageMemberView")
    public record MemberView(String imageId, String member, Instant createdAt) {
        static MemberView of(ImageMember m) {
            return new MemberView(m.imageId.toString(), m.member, m.createdAt);
        }
    }

    private final ImageMembers members;
    private final ImageLists lists;

    public ImageMemberResource(ImageMembers members, ImageLists lists) {
        this.members = members;
        this.lists = lists;
    }

    @GET
    @Operation(operationId = "listImageMembers",
            summary = "The projects a shared image is shared with", description = "`marker` is a member"
            + " project's id. " + ImageList.PAGING)
    public Map<String, Object> list(@PathParam("id") String id, @Context UriInfo uri) {
        return lists.members(ImageIds.parse(id), uri.getQueryParameters()).body("members", MemberView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addImageMember", summary = "Share an image with a project",
            description = "The owner project shares a shared-visibility image with another project (member: its "
            + "id).")
    public MemberView add(@PathParam("id") String id, @Valid AddMember body) {
        return MemberView.of(members.add(ImageIds.parse(id), body == null ? null : body.member()));
    }

    @DELETE
    @Path("/{member}")
    @Operation(operationId = "removeImageMember", summary = "Stop sharing an image",
            description = "The project no longer sees the image; its servers keep running.")
    @APIResponse(responseCode = "204", description = "Removed")
    public Response remove(@PathParam("id") String id, @PathParam("member") String member) {
        members.remove(ImageIds.parse(id), member);
        return Response.noContent().build();
    }
}
