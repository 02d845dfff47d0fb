package dev.stratus.image.validation;

import java.util.List;

/**
 * What {@code qemu-img info} found in uploaded data.
 *
 * @param format         the format qemu-img probed ({@code raw}, {@code qcow2}, {@code vmdk}, ...)
 * @param virtualSize    the disk size a guest would see, in bytes
 * @param backingFile    a qcow2's backing file name, or null
 * @param dataFile       a qcow2's external data file, or null
 * @param extentFiles    a vmdk's extent file names (empty for other formats)
 * @param iso9660        whether the data carries an ISO 9660 volume descriptor
 */
public record DiskInspection(String format, long virtualSize, String backingFile, String dataFile,
                             List<String> extentFiles, boolean iso9660) {
}
