package dev.stratus.contracts;

import java.util.Map;

/**
 * What a guest learns about itself, besides its id, name, project and ports (which its events carry already): the
 * same facts reach it through the config drive and through the metadata service, so both are rendered from this one
 * record. api-service fills it in at create (and keeps it with the instance); it travels, unchanged, from
 * {@link InstanceRequested} to {@link InstancePlaced} and into the agent's desired state.
 *
 * @param hostname    a DNS-safe host name (api-service derives it from the name when the user gives none)
 * @param keyName     the project's key pair given at create, or null
 * @param publicKey   that key pair's public key in OpenSSH form, copied at create (a later delete of the key pair
 *                    does not change a running server, as in Nova), or null
 * @param userData    the user-data, base64 as the user sent it (at most 64 KiB decoded), or null
 * @param metadata    the server's metadata: string pairs, never null (empty when none)
 * @param configDrive whether the agent attaches a config drive
 */
public record GuestIdentity(String hostname, String keyName, String publicKey, String userData,
        Map<String, String> metadata, boolean configDrive) {
    public GuestIdentity {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** An instance requested before identities existed: its name as host name, nothing else, no config drive. */
    public static GuestIdentity legacy(String name) {
        return new GuestIdentity(name, null, null, null, Map.of(), false);
    }
}
