package dev.stratus.api.service;

import dev.stratus.api.keypair.KeyPair;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.platform.problem.ApiException;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a new server's guest learns about itself ({@link GuestIdentity}), from the create's {@code key_name},
 * {@code user_data}, {@code hostname} and {@code config_drive}, each checked with a 400 that names the field:
 * <ul>
 * <li>{@code key_name}: a key pair of the project (by name or id); its public key is copied, so deleting the key pair
 * later changes no server (as in Nova).</li>
 * <li>{@code user_data}: base64 (line breaks allowed), at most {@value #MAX_USER_DATA_BYTES} bytes decoded.</li>
 * <li>{@code hostname}: RFC 1123 labels joined by dots, each 1-63 letters, digits or '-' (not first or last), at most
 * {@value #MAX_HOSTNAME} characters in all, kept in lower case; by default a DNS-safe form of the name
 * ({@link #hostnameOf}).</li>
 * <li>{@code config_drive}: true by default.</li>
 * </ul>
 */
public final class GuestIdentities {
    public static final int MAX_USER_DATA_BYTES = 64 * 1024;
    public static final int MAX_HOSTNAME = 253;
    /** The longest user_data taken as sent: base64 of 64 KiB is 87,384 characters; room left for line breaks. */
    public static final int MAX_USER_DATA_BASE64 = 128 * 1024;
    static final int MAX_LABEL = 63;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern WHITESPACE = Pattern.compile("[\\r\\n\\t ]");

    private GuestIdentities() {
    }

    /** The identity of server {@code id} of {@code projectId} as {@code request} asks for it, with its metadata. */
    public static GuestIdentity of(UUID id, String projectId, CreateServer request, Map<String, String> metadata) {
        String hostname = request.hostname() == null ? hostnameOf(request.name(), id) : hostname(request.hostname());
        String userData = userData(request.userData());
        KeyPair key = request.keyName() == null ? null : keyPair(projectId, request.keyName());
        return new GuestIdentity(hostname, key == null ? null : key.name, key == null ? null : key.publicKey,
                userData, metadata, request.configDrive() == null || request.configDrive());
    }

    /**
     * A DNS-safe host name from a server's name: lower case, every character other than a letter, digit or '-'
     * replaced by '-', no '-' first or last, at most {@value #MAX_LABEL} characters; {@code server-<first 8 of the
     * id>} when nothing of the name is usable.
     */
    public static String hostnameOf(String name, UUID id) {
        String safe = name == null ? "" : name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        safe = trimDashes(safe);
        if (safe.length() > MAX_LABEL) {
            safe = trimDashes(safe.substring(0, MAX_LABEL));
        }
        return safe.isEmpty() ? "server-" + id.toString().substring(0, 8) : safe;
    }

    /** The requested host name, lower case, or a 400 naming {@code hostname}. */
    static String hostname(String requested) {
        String hostname = requested.toLowerCase(Locale.ROOT);
        boolean valid = !hostname.isEmpty() && hostname.length() <= MAX_HOSTNAME;
        if (valid) {
            for (String label : hostname.split("\\.", -1)) {
                valid &= LABEL.matcher(label).matches();
            }
        }
        if (!valid) {
            throw ApiException.badRequest("hostname", "hostname must be RFC 1123 labels joined by '.': each 1-"
                    + MAX_LABEL + " letters, digits or '-', not starting or ending with '-'; at most " + MAX_HOSTNAME
                    + " characters (leave it out to derive it from the name)");
        }
        return hostname;
    }

    /** The user-data as base64 without line breaks, null for none, or a 400 naming {@code user_data}. */
    static String userData(String base64) {
        if (base64 == null) {
            return null;
        }
        String compact = WHITESPACE.matcher(base64).replaceAll("");
        if (compact.isEmpty()) {
            return null;
        }
        // 4 characters per 3 bytes: anything longer cannot decode to the limit (checked before decoding it)
        if (compact.length() > (MAX_USER_DATA_BYTES + 2) / 3 * 4) {
            throw tooLarge();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("user_data", "user_data must be base64 (RFC 4648, standard alphabet): "
                    + e.getMessage());
        }
        if (decoded.length > MAX_USER_DATA_BYTES) {
            throw tooLarge();
        }
        return compact;
    }

    private static KeyPair keyPair(String projectId, String keyName) {
        return KeyPair.<KeyPair>find("projectId = ?1 and (name = ?2 or id = ?2)", projectId, keyName)
                .firstResultOptional().orElseThrow(() -> ApiException.badRequest("key_name", "key pair '" + keyName
                        + "' does not exist in the project (see GET /v1/key-pairs)"));
    }

    private static ApiException tooLarge() {
        return ApiException.badRequest("user_data", "user_data is at most " + MAX_USER_DATA_BYTES
                + " bytes once decoded (" + (MAX_USER_DATA_BYTES / 1024) + " KiB)");
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }
}
