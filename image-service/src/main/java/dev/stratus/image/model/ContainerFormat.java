package dev.stratus.image.model;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Container wrapping the image data (Glance's container_format). */
public enum ContainerFormat implements WireEnum {
    BARE("bare"),
    AMI("ami"),
    AKI("aki"),
    ARI("ari");

    private final String wire;

    ContainerFormat(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public static ContainerFormat parse(String field, String value) {
        return WireEnum.parse(ContainerFormat.class, field, value);
    }

    /** Stores the wire name in the database. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<ContainerFormat, String> {
        @Override
        public String convertToDatabaseColumn(ContainerFormat value) {
            return value == null ? null : value.wire;
        }

        @Override
        public ContainerFormat convertToEntityAttribute(String value) {
            return value == null ? null : parse("ContainerFormat", value);
        }
    }
}
