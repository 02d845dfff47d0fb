package dev.stratus.api.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One security group of a server's ports as its view shows it, kept with the instance at create (Nova shows
 * {@code [{"name": ...}]}; the id is added because names need not be unique in a project).
 *
 * @param id the group's id in network-service
 * @param name its name when the server was created (its id if network-service did not say)
 */
@Schema(name = "ServerSecurityGroup", description = "A security group of the server's ports")
public record InstanceSecurityGroup(String id, String name) {
}
