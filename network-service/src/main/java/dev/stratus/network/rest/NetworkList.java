package dev.stratus.network.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Body of {@code GET /v1/networks}: a page of networks and the link to the next page (absent on the last). */
public record NetworkList(List<NetworkView> networks, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
}
