package dev.stratus.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.TreeSet;

/**
 * The 400 problem of a body Jackson refused: {@code field} is the JSON path ({@code networks[0].port}), the detail
 * says what the field takes (an unknown field: which fields the body takes).
 */
final class JsonProblems {
    private JsonProblems() {
    }

    static Problem of(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? JsonPaths.of(mapping.getPath()) : null;
        if (field == null) {
            return Problem.of(400, "Bad Request", "malformed JSON body: " + e.getOriginalMessage(), null);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            TreeSet<String> known = new TreeSet<>();
            unknown.getKnownPropertyIds().forEach(id -> known.add(String.valueOf(id)));
            return Problem.of(400, "Bad Request", "unknown field " + field + "; this body takes " + known, field);
        }
        if (e instanceof InvalidFormatException) {
            return Problem.of(400, "Bad Request", "field " + field + ": " + e.getOriginalMessage(), field);
        }
        String takes = e instanceof MismatchedInputException mismatch ? takes(mismatch.getTargetType()) : null;
        return Problem.of(400, "Bad Request", "field " + field + (takes == null ? ": " : " must be " + takes + ": ")
                + e.getOriginalMessage(), field);
    }

    /** What a JSON value of {@code type} is, in words; null when there are no simple words for it. */
    private static String takes(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (CharSequence.class.isAssignableFrom(type) || type == java.util.UUID.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        return null;
    }
}
