package dev.stratus.platform.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

/**
 * A request that breaks a Bean Validation constraint of its type ({@code @Size}, {@code @Pattern}...) is a 400
 * problem naming the field as the JSON has it ({@code networks[0].port}, snake_case) and what to fix; when several
 * break, the first by path is named.
 */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
        ConstraintViolation<?> violation = e.getConstraintViolations().stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString())).orElse(null);
        if (violation == null) {
            return ProblemMappers.respond(Problem.of(400, "Bad Request", e.getMessage(), null));
        }
        String field = field(violation.getPropertyPath());
        String name = field == null ? "the body" : field;
        return ProblemMappers.respond(Problem.of(400, "Bad Request", name + " " + explain(violation), field));
    }

    private static String explain(ConstraintViolation<?> violation) {
        if (violation.getConstraintDescriptor().getAnnotation() instanceof Size size) {
            Object value = violation.getInvalidValue();
            if (value instanceof CharSequence text) {
                return "must have at most " + size.max() + " characters (it has " + text.length() + ")";
            }
            int count = value instanceof Collection<?> c ? c.size() : value instanceof Map<?, ?> m ? m.size() : -1;
            return "must have at most " + size.max() + " entries" + (count >= 0 ? " (it has " + count + ")" : "");
        }
        return violation.getMessage();
    }

    /**
     * The path below the resource method's parameter, as the JSON names it ({@code networks[0].port},
     * {@code metadata.k} for a map's value, {@code metadata} for a bad key); null if the parameter itself.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.isInIterable() && node.getKey() != null && !"<map key>".equals(node.getName())) {
                field.append('.').append(node.getKey()); // a map's value, as Jackson names it; a bad key: the map
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                field.append(field.length() > 0 ? "." : "").append(snakeCase(node.getName()));
            }
        }
        return field.length() == 0 ? null : field.toString();
    }

    static String snakeCase(String javaName) {
        StringBuilder snake = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
