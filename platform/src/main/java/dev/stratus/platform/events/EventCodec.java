package dev.stratus.platform.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stratus.contracts.HostReport;
import dev.stratus.contracts.InstanceDeleteRequested;
import dev.stratus.contracts.InstanceDeleted;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.InstancePlacementFailed;
import dev.stratus.contracts.InstancePowerRequested;
import dev.stratus.contracts.InstanceRemoveRequested;
import dev.stratus.contracts.InstanceRequested;
import dev.stratus.contracts.InstanceSnapshotRequested;
import dev.stratus.contracts.InstanceStatusChanged;
import dev.stratus.contracts.InstanceTaskFinished;
import dev.stratus.contracts.SecurityGroupChanged;
import dev.stratus.contracts.TokensRevoked;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JSON encoding of the contract records. Unknown fields are ignored, so a consumer tolerates a newer minor
 * version that added fields; a record type this codec does not know decodes to empty.
 */
public final class EventCodec {
    private static final Map<String, Class<?>> TYPES = Stream.of(InstanceRequested.class,
            InstanceDeleteRequested.class, InstancePlaced.class, InstancePlacementFailed.class,
            InstanceRemoveRequested.class, InstanceStatusChanged.class, InstanceDeleted.class, HostReport.class,
            InstanceSnapshotRequested.class, InstancePowerRequested.class, InstanceTaskFinished.class, SecurityGroupChanged.class,
            TokensRevoked.class)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventCodec() {
    }

    public static String typeOf(Object event) {
        return event.getClass().getSimpleName();
    }

    public static byte[] encode(Object event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String encodeToString(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Optional<Object> decode(String type, byte[] payload) {
        Class<?> cls = TYPES.get(type);
        if (cls == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readValue(payload, cls));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type, e);
        }
    }
}
