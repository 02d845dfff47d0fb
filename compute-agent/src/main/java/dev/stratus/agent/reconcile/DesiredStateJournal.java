package dev.stratus.agent.reconcile;

import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.platform.events.EventCodec;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps each instance's desired state on disk next to its files ({@code placement.json}, the last accepted power
 * request {@code power.json}, and a {@code removed} marker), written before the Kafka offset of the event is
 * committed: an agent that dies between taking a placement and building it still builds it after a restart, one
 * that dies before finishing a removal still finishes it, and one that dies during a power request still converges
 * to it. The reconciler's progress ({@code power-progress}: the generation applied and the generation at which it
 * last saw the domain running) is kept too, so that after a restart a guest's own shutdown is still told from a
 * request not yet carried out. Every file is replaced atomically. Removing the instance's directory removes its
 * record.
 */
@Singleton
public class DesiredStateJournal {
    private static final Logger LOG = Logger.getLogger(DesiredStateJournal.class);
    private static final String PLACEMENT = "placement.json";
    private static final String REMOVED = "removed";
    private static final String POWER = "power.json";
    private static final String PROGRESS = "power-progress";

    /**
     * One instance's recorded desired state; {@code placement} is null if only its removal was recorded, {@code power}
     * if no power request was; {@code applied} is 0 and {@code running} -1 if no progress was recorded.
     */
    public record Entry(String instanceId, InstancePlaced placement, boolean removed, InstancePowerRequested power,
            long applied, long running) {
    }

    private final InstanceFiles files;

    public DesiredStateJournal(InstanceFiles files) {
        this.files = files;
    }

    public void placed(InstancePlaced placement) {
        write(placement.instanceId(), PLACEMENT, EventCodec.encode(placement), "placement");
    }

    public void powerRequested(InstancePowerRequested request) {
        write(request.instanceId(), POWER, EventCodec.encode(request), "power request");
    }

    /** Records the reconciler's progress: the generation applied and the last one at which the domain ran. */
    void progress(String instanceId, long applied, long running) {
        write(instanceId, PROGRESS, (applied + " " + running + "\n").getBytes(StandardCharsets.US_ASCII),
                "power progress");
    }

    private void write(String instanceId, String name, byte[] content, String what) {
        Path dir = files.createDirectory(instanceId);
        try {
            Path partial = dir.resolve(name + ".part");
            Files.write(partial, content);
            Files.move(partial, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the " + what + " of " + instanceId, e);
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
        InstancePlaced placement = readEvent(id, dir.resolve(PLACEMENT), InstancePlaced.class);
        if (placement == null && !removed) {
            return Optional.empty();
        }
        InstancePowerRequested power = readEvent(id, dir.resolve(POWER), InstancePowerRequested.class);
        long[] progress = readProgress(id, dir.resolve(PROGRESS));
        return Optional.of(new Entry(id, placement, removed, power, progress[0], progress[1]));
    }

    private static <T> T readEvent(String id, Path file, Class<T> type) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return EventCodec.decode(type.getSimpleName(), Files.readAllBytes(file)).map(type::cast).orElse(null);
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("instance %s: unreadable %s, ignored: %s", id, file, e);
            return null;
        }
    }

    private static long[] readProgress(String id, Path file) {
        if (Files.exists(file)) {
            try {
                String[] numbers = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
                return new long[] {Long.parseLong(numbers[0]), Long.parseLong(numbers[1])};
            } catch (IOException | RuntimeException e) {
                LOG.warnf("instance %s: unreadable %s, ignored: %s", id, file, e);
            }
        }
        return new long[] {0, -1};
    }
}
