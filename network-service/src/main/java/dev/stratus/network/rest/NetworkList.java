package dev.stratus.network.rest;

import java.util.List;

/** Body of {@code GET /v1/networks}. */
public record NetworkList(List<NetworkView> networks) {
}
