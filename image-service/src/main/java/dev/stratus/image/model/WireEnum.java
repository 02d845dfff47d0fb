package dev.stratus.image.model;

import dev.stratus.platform.problem.ApiException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A closed set of values with a lower-case name on the wire and in the database. */
public interface WireEnum {
    String wire();

    /** The constant whose wire name is {@code value}, or a 400 naming {@code field} and the allowed values. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String field, String value) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(value)) {
                return e;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "));
        throw ApiException.badRequest(field, field + " must be one of " + allowed + (value == null ? "" : ", not '"
                + value + "'"));
    }
}
