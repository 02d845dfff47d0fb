package dev.stratus.agent.metadata;

import dev.stratus.agent.guest.OpenStackMetadata;

import java.util.List;
import java.util.Map;

/**
 * The OpenStack layout of the metadata service, as cloud-init's OpenStack datasource reads it: {@code openstack}
 * lists the versions (only {@code latest}: the files are the current ones, and cloud-init falls back to it),
 * {@code openstack/latest} lists the files, and each file is the very bytes {@link OpenStackMetadata} renders for the
 * config drive ({@code user_data} only when the server has user-data).
 */
final class OpenStackLayout {
    static final String ROOT = "openstack";

    private OpenStackLayout() {
    }

    /** The answer for {@code path} (no leading or trailing slash, starting with {@value #ROOT}). */
    static Answer get(GuestCaller caller, String path) {
        if (path.equals(ROOT)) {
            return Answer.listing(List.of("latest"));
        }
        String latest = OpenStackMetadata.PREFIX.substring(0, OpenStackMetadata.PREFIX.length() - 1);
        Map<String, byte[]> files = OpenStackMetadata.files(caller.instanceId(), caller.placement().name(),
                caller.placement().projectId(), caller.identity(), caller.placement().portsOrEmpty());
        if (path.equals(latest)) {
            return Answer.listing(files.keySet().stream().map(f -> f.substring(OpenStackMetadata.PREFIX.length()))
                    .sorted().toList());
        }
        byte[] file = files.get(path);
        if (file == null) {
            return Answer.NOT_FOUND;
        }
        return new Answer(200, path.endsWith(".json") ? "application/json" : "application/octet-stream", file);
    }
}
