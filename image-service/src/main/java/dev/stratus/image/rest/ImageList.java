package dev.stratus.image.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Body of {@code GET /v1/images}: a page of images and the link to the next page (absent on the last). */
public record ImageList(List<ImageView> images, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    /** What every list route's OpenAPI description says of its query parameters (documented one by one). */
    static final String PAGING = "Pages: `limit` (1 to 1000, default 1000) and `marker`, the id of the previous"
            + " page's last item; the body's `next` is the link to the next page, absent on the last. `sort_key` and"
            + " `sort_dir` (asc, desc) order the list (then by id); filters narrow it. An unknown parameter, a bad"
            + " value, or a marker that is not in the list is a 400 problem whose `field` names the parameter.";
}
