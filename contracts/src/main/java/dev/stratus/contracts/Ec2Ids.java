package dev.stratus.contracts;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * EC2-style ids of Stratus resources, derived from their UUIDs so every part of Stratus (the metadata service, the EC2
 * API) names a resource the same way without storing a second id: a prefix ({@code i-} instance, {@code ami-} image)
 * and the first {@value #DIGITS} hex digits of the UUID, dashes dropped, e.g. instance
 * {@code 0f3c9b2e-41d7-4c2a-9e55-1b2c3d4e5f60} is {@code i-0f3c9b2e41d74c2a9}. The digits are the start of the UUID,
 * so an EC2 id leads back to its resource by a prefix match ({@link #uuidPrefix}); 17 digits are what EC2's own long
 * ids have.
 */
public final class Ec2Ids {
    /** Hex digits of the UUID an EC2 id keeps. */
    public static final int DIGITS = 17;
    public static final String INSTANCE = "i-";
    public static final String IMAGE = "ami-";

    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern EC2_ID = Pattern.compile("[a-z]+-[0-9a-f]{" + DIGITS + "}");

    private Ec2Ids() {
    }

    /** {@code i-<17 hex>} of an instance UUID. */
    public static String instance(String uuid) {
        return INSTANCE + digits(uuid);
    }

    /** {@code ami-<17 hex>} of an image UUID. */
    public static String image(String uuid) {
        return IMAGE + digits(uuid);
    }

    /**
     * The start of the UUID an EC2 id was derived from, with its dashes where a UUID has them (e.g.
     * {@code i-0f3c9b2e41d74c2a9} → {@code 0f3c9b2e-41d7-4c2a-9}): the UUID of the resource starts with it. Throws
     * {@link IllegalArgumentException} for anything that is not {@code <prefix>-<17 lower-case hex>}.
     */
    public static String uuidPrefix(String ec2Id) {
        if (ec2Id == null || !EC2_ID.matcher(ec2Id).matches()) {
            throw new IllegalArgumentException("not an EC2 id: " + ec2Id);
        }
        String hex = ec2Id.substring(ec2Id.indexOf('-') + 1);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16);
    }

    private static String digits(String uuid) {
        if (uuid == null || !UUID.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a UUID: " + uuid);
        }
        return uuid.replace("-", "").substring(0, DIGITS).toLowerCase(Locale.ROOT);
    }
}
