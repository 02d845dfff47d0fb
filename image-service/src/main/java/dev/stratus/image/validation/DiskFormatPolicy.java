package dev.stratus.image.validation;

import dev.stratus.image.model.DiskFormat;

import java.nio.file.Path;

/**
 * Decides whether uploaded data may become an image of its declared {@code disk_format}: the probed format must
 * match it (an ISO is raw to qemu-img, so {@code iso} also needs an ISO 9660 descriptor; kernels and ramdisks,
 * {@code aki}/{@code ari}, are raw), and nothing may point outside itself: a qcow2 backing file or external data
 * file, or a vmdk extent in another file, would let a crafted image read host files once a hypervisor opens it.
 */
public final class DiskFormatPolicy {
    private DiskFormatPolicy() {
    }

    /** @throws InspectionException naming what is wrong */
    public static void check(DiskFormat declared, DiskInspection found, Path file) {
        String expected = switch (declared) {
            case QCOW2 -> "qcow2";
            case VMDK -> "vmdk";
            case RAW, ISO, AKI, ARI -> "raw";
        };
        if (!expected.equals(found.format())) {
            throw new InspectionException("disk_format is " + declared.wire() + " but the data is " + found.format()
                    + (declared == DiskFormat.RAW ? "" : " (declare disk_format " + found.format() + ")"));
        }
        if (declared == DiskFormat.ISO && !found.iso9660()) {
            throw new InspectionException("disk_format is iso but the data has no ISO 9660 volume descriptor");
        }
        if (found.backingFile() != null) {
            throw new InspectionException("a qcow2 image with a backing file (" + found.backingFile()
                    + ") is not accepted: flatten it first (qemu-img convert -O qcow2)");
        }
        if (found.dataFile() != null) {
            throw new InspectionException("a qcow2 image with an external data file (" + found.dataFile()
                    + ") is not accepted: convert it to a self-contained qcow2 first");
        }
        for (String extent : found.extentFiles()) {
            if (extent == null || !Path.of(extent).toAbsolutePath().normalize().equals(file.toAbsolutePath()
                    .normalize())) {
                throw new InspectionException("a vmdk image whose extents live in other files (" + extent
                        + ") is not accepted: use a monolithic vmdk");
            }
        }
    }
}
