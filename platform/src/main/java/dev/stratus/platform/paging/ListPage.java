package dev.stratus.platform.paging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a list and the link to the next page ({@code /v1/...?...&marker=...}), null on the last page.
 */
public record ListPage<E>(List<E> items, String next) {

    /** The body of a list response: {@code {"<collection>": [views...], "next": "..."}}, {@code next} only when any. */
    public <V> Map<String, Object> body(String collection, Function<E, V> view) {
        return pageBody(collection, page -> page.stream().map(view).toList());
    }

    /** The same body, the views made for the whole page at once (e.g. reading related rows in one query). */
    public Map<String, Object> pageBody(String collection, Function<List<E>, List<?>> views) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(collection, views.apply(items));
        if (next != null) {
            body.put("next", next);
        }
        return body;
    }
}
