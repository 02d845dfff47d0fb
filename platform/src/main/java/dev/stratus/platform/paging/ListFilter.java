package dev.stratus.platform.paging;

import dev.stratus.platform.problem.ApiException;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * How one query parameter of a list route narrows the list: an HQL condition on the entity {@code e} with one named
 * parameter {@code :value}, the parser that turns the text into that value (a 400 naming the parameter when it
 * cannot; null: the parameter is ignored) and what the API documentation says of it. A {@link #repeated()} filter
 * may be given several times, each value narrowing further (every one must match). A parser may also return a
 * {@link Clause} when the condition depends on the value (e.g. {@code status=UNKNOWN} reads another column), or
 * {@link AllOf} when one value is several conditions (e.g. {@code tag=a,b}: one {@code exists} per tag).
 */
public record ListFilter(String condition, Parser parser, String type, String description, boolean repeatable) {

    /**
     * Turns the text of a parameter into the value of {@code :value}; null when it asks for no filtering; or a
     * {@link Clause} or {@link AllOf} that replaces the filter's condition for this value.
     */
    @FunctionalInterface
    public interface Parser {
        Object parse(String parameter, String text);
    }

    /**
     * What a parser returns when the value decides the condition itself: an HQL condition on {@code e}, with
     * {@code :value} bound to {@code value}, or without any parameter when {@code value} is null.
     */
    public record Clause(String condition, Object value) {
    }

    /** What a parser returns when one value is several conditions, each with its own value, all of which must hold. */
    public record AllOf(List<Clause> clauses) {
    }

    /** The conditions a parsed value stands for: none for null, else its own ({@link Clause}, {@link AllOf}). */
    static List<Clause> clauses(ListFilter filter, Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Clause clause) {
            return List.of(clause);
        }
        if (value instanceof AllOf all) {
            return all.clauses();
        }
        return List.of(new Clause(filter.condition(), value));
    }

    /** {@code path} equals the text as given (an empty text matches an empty field). */
    public static ListFilter text(String path, String description) {
        return new ListFilter(path + " = :value", (p, v) -> v, "string", description, false);
    }

    /** {@code path} equals the UUID; an empty text is no filter (as before pagination existed). */
    public static ListFilter uuid(String path, String description) {
        return new ListFilter(path + " = :value", ListFilter::parseUuid, "string", description, false);
    }

    /** {@code path} is {@code true} or {@code false}. */
    public static ListFilter bool(String path, String description) {
        return new ListFilter(path + " = :value", ListFilter::parseBoolean, "boolean", description, false);
    }

    /** {@code path} equals the whole number. */
    public static ListFilter integer(String path, String description) {
        return new ListFilter(path + " = :value", ListFilter::parseInteger, "integer", description, false);
    }

    /** {@code path} equals one of a closed set of values: {@code parse} throws the 400 for any other text. */
    public static ListFilter oneOf(String path, Function<String, Object> parse, List<String> allowed,
            String description) {
        Parser parser = (p, v) -> {
            try {
                Object value = parse.apply(v);
                if (value != null) {
                    return value;
                }
            } catch (IllegalArgumentException e) {
                // the 400 below
            }
            throw ApiException.badRequest(p, p + " is one of " + String.join(", ", allowed) + ", not '" + v + "'");
        };
        return new ListFilter(path + " = :value", parser, "string", description + " (" + String.join(", ", allowed)
                + ")", false);
    }

    /** Any condition on {@code e} using {@code :value}. */
    public static ListFilter where(String condition, Parser parser, String type, String description) {
        return new ListFilter(condition, parser, type, description, false);
    }

    /** The same filter, allowed several times (every value must match). */
    public ListFilter repeated() {
        return new ListFilter(condition, parser, type, description + "; may be given several times, each must match",
                true);
    }

    public static UUID parseUuid(String parameter, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(parameter, parameter + " must be a UUID");
        }
    }

    public static Boolean parseBoolean(String parameter, String text) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw ApiException.badRequest(parameter, parameter + " is true or false");
    }

    public static Integer parseInteger(String parameter, String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(parameter, parameter + " is a whole number");
        }
    }
}
