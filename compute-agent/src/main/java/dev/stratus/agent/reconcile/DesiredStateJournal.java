package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.platform.events.EventCodec;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps each instance's desired state on disk next to its files ({@code placement.json}, and a {@code removed}
 * marker), written before the Kafka offset of the event is committed: an agent that dies between taking a
 * placement and building it still builds it after a restart, and one that dies before finishing a removal still
 * finishes it. Removing the instance's directory removes its record.
 */
@Singleton
public class DesiredStateJournal {
    private static final Logger LOG = Logger.getLogger(DesiredStateJournal.class);
    private static final String PLACEMENT = "placement.json";
    private static final String REMOVED = "removed";

    /** One instance's recorded desired state; {@code placement} is null if only its removal was recorded. */
    public record Entry(String instanceId, InstancePlaced placement, boolean removed) {
    }

    private final InstanceFiles files;

    public DesiredStateJournal(InstanceFiles files) {
        this.files = files;
    }

    public void placed(InstancePlaced placement) {
        Path dir = files.createDirectory(placement.instanceId());
        try {
            Path partial = dir.resolve(PLACEMENT + ".part");
            Files.write(partial, EventCodec.encode(placement));
            Files.move(partial, dir.resolve(PLACEMENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the placement of " + placement.instanceId(), e);
        }
    }

    public void removed(String instanceId) {
        Path dir = files.createDirectory(instanceId);
        try {
            if (!Files.exists(dir.resolve(REMOVED))) {
                Files.createFile(dir.resolve(REMOVED));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the removal of " + instanceId, e);
        }
    }

    /** Every recorded instance; unreadable records are logged and skipped. */
    public List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> dirs = files.instanceDirectories()) {
            for (Path dir : dirs.toList()) {
                read(dir).ifPresent(entries::add);
            }
        }
        return entries;
    }

    private Optional<Entry> read(Path dir) {
        String id = dir.getFileName().toString();
        boolean removed = Files.exists(dir.resolve(REMOVED));
        InstancePlaced placement = null;
        Path file = dir.resolve(PLACEMENT);
        if (Files.exists(file)) {
            try {
                placement = EventCodec.decode(InstancePlaced.class.getSimpleName(), Files.readAllBytes(file))
                        .map(InstancePlaced.class::cast).orElse(null);
            } catch (IOException | UncheckedIOException e) {
                LOG.warnf("instance %s: unreadable %s, ignored: %s", id, file, e);
            }
        }
        if (placement == null && !removed) {
            return Optional.empty();
        }
        return Optional.of(new Entry(id, placement, removed));
    }
}
