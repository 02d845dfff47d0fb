package dev.stratus.api.service;

/** The body of {@code POST /v1/servers}: flavor and image by id or name. */
public record CreateServer(String name, String flavor, String image) {
}
