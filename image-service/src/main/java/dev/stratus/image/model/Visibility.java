package dev.stratus.image.model;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Who may see an image: its own project only (private), its project and the member projects it was shared with
 * (shared), or every project (public).
 */
public enum Visibility implements WireEnum {
    PRIVATE("private"),
    SHARED("shared"),
    PUBLIC("public");

    private final String wire;

    Visibility(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public static Visibility parse(String field, String value) {
        return WireEnum.parse(Visibility.class, field, value);
    }

    /** Stores the wire name in the database. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<Visibility, String> {
        @Override
        public String convertToDatabaseColumn(Visibility value) {
            return value == null ? null : value.wire;
        }

        @Override
        public Visibility convertToEntityAttribute(String value) {
            return value == null ? null : parse("Visibility", value);
        }
    }
}
