package dev.stratus.image.model;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Lifecycle of an image: queued (no data yet) → saving (upload running) → active; a failed or interrupted upload
 * ends in killed. An admin or owner may deactivate an active image (its data cannot be downloaded nor booted) and
 * reactivate it. Deleting removes the row (a deleted image is a 404).
 */
public enum ImageStatus implements WireEnum {
    QUEUED("queued"),
    SAVING("saving"),
    ACTIVE("active"),
    KILLED("killed"),
    DEACTIVATED("deactivated");

    private final String wire;

    ImageStatus(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public static ImageStatus parse(String field, String value) {
        return WireEnum.parse(ImageStatus.class, field, value);
    }

    /** Stores the wire name in the database. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<ImageStatus, String> {
        @Override
        public String convertToDatabaseColumn(ImageStatus value) {
            return value == null ? null : value.wire;
        }

        @Override
        public ImageStatus convertToEntityAttribute(String value) {
            return value == null ? null : parse("ImageStatus", value);
        }
    }
}
