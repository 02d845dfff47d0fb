package dev.stratus.platform.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.stratus.contracts.StratusEvent;

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
    /** Every event type, by simple name: derived from the closed set {@link StratusEvent}. */
    private static final Map<String, Class<?>> TYPES = Stream.of(StratusEvent.class.getPermittedSubclasses())
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
