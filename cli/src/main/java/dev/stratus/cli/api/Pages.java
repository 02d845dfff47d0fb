package dev.stratus.cli.api;

import dev.stratus.client.ApiException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Follows a list route's keyset pages ({@code limit}, {@code marker} = the last id of the page, {@code next} absent
 * on the last page) and returns every item; or one page when the user asked for a {@code --limit}.
 */
public final class Pages {
    /** One page: its items and whether a next one exists. */
    public record Page<T>(List<T> items, Object next) {
    }

    /** Fetches the page after {@code marker} (null: the first). */
    @FunctionalInterface
    public interface Fetch<T> {
        Page<T> page(String marker) throws ApiException;
    }

    private Pages() {
    }

    public static <T> List<T> all(Fetch<T> fetch, Function<T, Object> id, Integer limit, String marker)
            throws ApiException {
        List<T> all = new ArrayList<>();
        String next = marker;
        while (true) {
            Page<T> page = fetch.page(next);
            List<T> items = page.items() == null ? List.of() : page.items();
            all.addAll(items);
            if (limit != null || page.next() == null || items.isEmpty()) {
                return all;
            }
            next = String.valueOf(id.apply(items.get(items.size() - 1)));
        }
    }
}
