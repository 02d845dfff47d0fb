package dev.stratus.cli.watch;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a wait waits for: {@code reached} ends it well, {@code failed} ends it with the fault {@code fault} gives;
 * {@code description} names the goal in messages ("ACTIVE").
 */
public record Goal<T>(String description, Predicate<T> reached, Predicate<T> failed, Function<T, String> fault) {
}
