package dev.stratus.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;

import java.util.List;

/** The JSON path a Jackson error points at, as a problem's {@code field}: {@code networks[0].port}. */
final class JsonPaths {
    private JsonPaths() {
    }

    /** The path of {@code references}, or null if it is empty (the body as a whole). */
    static String of(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }
}
