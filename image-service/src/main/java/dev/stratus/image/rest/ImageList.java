package dev.stratus.image.rest;

import java.util.List;

/** Body of {@code GET /v1/images}. */
public record ImageList(List<ImageView> images) {
}
