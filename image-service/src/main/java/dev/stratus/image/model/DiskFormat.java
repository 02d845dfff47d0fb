package dev.stratus.image.model;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Format of the disk image data. */
public enum DiskFormat implements WireEnum {
    QCOW2("qcow2"),
    RAW("raw"),
    ISO("iso"),
    AKI("aki"),
    ARI("ari"),
    VMDK("vmdk");

    private final String wire;

    DiskFormat(String wire) {
        this.wire = wire;
    }

    @Override
    @JsonValue
    public String wire() {
        return wire;
    }

    public static DiskFormat parse(String field, String value) {
        return WireEnum.parse(DiskFormat.class, field, value);
    }

    /** Stores the wire name in the database. */
    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<DiskFormat, String> {
        @Override
        public String convertToDatabaseColumn(DiskFormat value) {
            return value == null ? null : value.wire;
        }

        @Override
        public DiskFormat convertToEntityAttribute(String value) {
            return value == null ? null : parse("DiskFormat", value);
        }
    }
}
