package dev.stratus.api.service;

import java.util.List;

/**
 * The body of {@code POST /v1/servers}: flavor and image by id or name, and optionally the networks to plug it
 * into (each entry names a {@code network} to get a new port on, or an existing {@code port}).
 */
public record CreateServer(String name, String flavor, String image, List<NetworkAttachment> networks) {

    /** One NIC of the server: {@code {"network": id}} or {@code {"port": id}}. */
    public record NetworkAttachment(String network, String port) {
    }
}
