package dev.stratus.agent.guest;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.instance.InstanceFilesException;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.InstancePlaced;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The config drive of each instance that asks for one ({@link GuestIdentity#configDrive()}): an ISO 9660 image
 * labelled {@value IsoImage#LABEL} holding the {@link OpenStackMetadata} files, {@code disk.config} in the instance's
 * directory (Nova's name), which the domain gets as a read-only CD-ROM. cloud-init's ConfigDrive datasource reads it,
 * and so does the Stratus test guest.
 * <p>
 * {@link #converge} is called whenever the domain is defined (spawn, rebuild, resize, their undo, a rebuild after the
 * agent lost its files): the drive is built when it is missing or its content would differ (a digest of the files is
 * kept beside it, {@code disk.config.sha256}), and left as it is otherwise; an instance without a drive has none left.
 * It goes with the instance's directory.
 */
@Singleton
public class ConfigDrives {
    public static final String FILE = "disk.config";
    static final String DIGEST = FILE + ".sha256";

    private final InstanceFiles files;
    private final IsoImage iso;

    public ConfigDrives(InstanceFiles files, IsoImage iso) {
        this.files = files;
        this.iso = iso;
    }

    /** The config drive of the instance (whether or not it exists). */
    public Path drive(String instanceId) {
        return files.directory(instanceId).resolve(FILE);
    }

    /**
     * Makes the instance's config drive what its placement says, in its (existing) directory; returns the drive, or
     * null when the instance has none (a drive left from before is deleted).
     */
    public Path converge(InstancePlaced placement) {
        String id = placement.instanceId();
        Path drive = drive(id);
        Path digestFile = drive.resolveSibling(DIGEST);
        GuestIdentity identity = placement.identityOrLegacy();
        try {
            if (!identity.configDrive()) {
                Files.deleteIfExists(drive);
                Files.deleteIfExists(digestFile);
                return null;
            }
            Map<String, byte[]> content = OpenStackMetadata.files(id, placement.name(), placement.projectId(),
                    identity, placement.portsOrEmpty());
            String digest = digest(content);
            if (Files.exists(drive) && Files.exists(digestFile)
                    && digest.equals(Files.readString(digestFile, StandardCharsets.US_ASCII).strip())) {
                return drive;
            }
            Files.deleteIfExists(digestFile); // a drive without its digest is rebuilt after a crash in between
            iso.write(content, drive);
            Files.writeString(digestFile, digest + "\n", StandardCharsets.US_ASCII);
            return drive;
        } catch (IOException e) {
            throw new InstanceFilesException("cannot build the config drive of instance " + id + ": " + e, e);
        }
    }

    /** A digest of the drive's files, their paths in order: equal digests, equal drives. */
    static String digest(Map<String, byte[]> content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : new TreeMap<>(content).entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) 0);
                sha.update(file.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
