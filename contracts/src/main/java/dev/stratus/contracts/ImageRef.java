package dev.stratus.contracts;

/**
 * What an agent needs to fetch an image: its id, and the ids of a kernel and ramdisk for direct kernel boot
 * (Glance's {@code kernel_id}/{@code ramdisk_id} properties), either of which may be null.
 */
public record ImageRef(String id, String kernelId, String ramdiskId) {
}
