package dev.stratus.agent.metadata;

import dev.stratus.agent.guest.OpenStackMetadata;
import dev.stratus.contracts.Ec2Ids;
import dev.stratus.contracts.GuestIdentity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * EC2's layout of the metadata service, as cloud-init's EC2 datasource and the AWS SDKs read it: {@code <version>/}
 * lists {@code meta-data} and {@code user-data}; {@code <version>/meta-data/} is a tree of listings (a name ending in
 * {@code /} is a directory) and leaves; {@code <version>/user-data} is the user-data's bytes. Every version in
 * {@link #VERSIONS} serves the same tree. A listing names only what answers: cloud-init fetches every name it lists.
 *
 * <p>Not served: {@code public-ipv4} and {@code public-hostname} (floating IPs are not in the agent's placements yet),
 * {@code block-device-mapping/}, {@code network/}, {@code iam/}, {@code dynamic/}.
 */
final class Ec2Layout {
    /** The versions this service answers for, as cloud-init asks for them, oldest first. */
    static final List<String> VERSIONS = List.of("1.0", "2009-04-04", "2016-09-02", "2018-09-24", "2021-03-23",
            "latest");
    private static final String META_DATA = "meta-data";
    private static final String USER_DATA = "user-data";
    private static final String KEYS = "public-keys";

    private Ec2Layout() {
    }

    /** The answer for {@code path} (no leading or trailing slash, starting with one of {@link #VERSIONS}). */
    static Answer get(GuestCaller caller, String path) {
        int slash = path.indexOf('/');
        String rest = slash < 0 ? "" : path.substring(slash + 1);
        byte[] userData = OpenStackMetadata.userData(caller.identity());
        if (rest.isEmpty()) {
            return Answer.listing(userData == null ? List.of(META_DATA) : List.of(META_DATA, USER_DATA));
        }
        if (rest.equals(USER_DATA)) {
            return userData == null ? Answer.NOT_FOUND : new Answer(200, "application/octet-stream", userData);
        }
        if (rest.equals(META_DATA)) {
            return metaData(caller, "");
        }
        if (rest.startsWith(META_DATA + "/")) {
            return metaData(caller, rest.substring(META_DATA.length() + 1));
        }
        return Answer.NOT_FOUND;
    }

    /** The leaf at {@code path} under {@code meta-data/}, or the listing of the directory there. */
    private static Answer metaData(GuestCaller caller, String path) {
        Map<String, String> leaves = leaves(caller);
        String leaf = leaves.get(path);
        if (leaf != null) {
            return Answer.ok(leaf);
        }
        String dir = path.isEmpty() ? "" : path + "/";
        Set<String> names = new LinkedHashSet<>();
        for (String key : leaves.keySet()) {
            if (key.startsWith(dir)) {
                String below = key.substring(dir.length());
                int end = below.indexOf('/');
                names.add(end < 0 ? below : below.substring(0, end + 1));
            }
        }
        if (names.isEmpty()) {
            return Answer.NOT_FOUND;
        }
        if (path.equals(KEYS)) { // EC2 lists a key as <index>=<name>, and cloud-init reads it so
            GuestIdentity identity = caller.identity();
            return Answer.listing(List.of("0=" + (identity.keyName() == null ? "default" : identity.keyName())));
        }
        return Answer.listing(new ArrayList<>(names));
    }

    /** Every leaf of the caller's {@code meta-data/} tree, by its path there, sorted. */
    static Map<String, String> leaves(GuestCaller caller) {
        GuestIdentity identity = caller.identity();
        Map<String, String> leaves = new TreeMap<>();
        if (caller.placement().image() != null && caller.placement().image().id() != null) {
            leaves.put("ami-id", Ec2Ids.image(caller.placement().image().id()));
        }
        leaves.put("ami-launch-index", "0");
        leaves.put("hostname", identity.hostname());
        leaves.put("instance-id", Ec2Ids.instance(caller.instanceId()));
        if (caller.placement().flavor() != null) {
            leaves.put("instance-type", caller.placement().flavor().name());
        }
        leaves.put("local-hostname", identity.hostname());
        leaves.put("local-ipv4", caller.port().ipAddress());
        leaves.put("mac", caller.port().macAddress());
        leaves.put("placement/availability-zone", OpenStackMetadata.AVAILABILITY_ZONE);
        if (identity.publicKey() != null) {
            leaves.put(KEYS + "/0/openssh-key", identity.publicKey());
        }
        leaves.values().removeIf(v -> v == null);
        return leaves;
    }
}
