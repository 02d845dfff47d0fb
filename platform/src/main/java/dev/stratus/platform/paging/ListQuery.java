package dev.stratus.platform.paging;

import dev.stratus.platform.input.WholeNumbers;
import dev.stratus.platform.problem.ApiException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One list route's query parameters, checked and turned into one JPA query: filters ({@link ListFilter}),
 * {@code sort_key} / {@code sort_dir} ({@code asc} or {@code desc}), and keyset pagination: {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #MAX_LIMIT}) and {@code marker}, the id of the last item of the previous page.
 * Rows are ordered by the sort key, then by id, and a page starts after the marker's (sort value, id), so pages
 * never skip or repeat an item even when items are added or removed meanwhile. The next page's link keeps every
 * parameter and sets {@code marker}; there is none after the last page.
 *
 * <p>What it does not understand is a 400 problem naming the parameter: an unknown parameter, one given twice that
 * is not {@link ListFilter#repeated()}, a bad value, a malformed marker or one that is not an item the caller may
 * list (another project's, or deleted since). A sort key's expression must never be null (use {@code coalesce}).
 *
 * <p>Routes define theirs once, as constants, with {@link #builder}; the same definitions document the parameters
 * in the OpenAPI description. The rows of a page are loaded read-only: changes made to them are not saved.
 */
public final class ListQuery<E> {
    public static final int MAX_LIMIT = 1000;
    public static final List<String> PAGING = List.of("limit", "marker", "sort_key", "sort_dir");
    /** Hibernate's hint (org.hibernate.jpa.HibernateHints.HINT_READ_ONLY; platform depends on JPA only). */
    private static final String READ_ONLY = "org.hibernate.readOnly";

    /** Which rows the caller may list at all (e.g. its project's): an HQL condition on {@code e} and its values. */
    public record Scope(String condition, Map<String, Object> parameters) {
    }

    private final Class<E> entity;
    private final String path;
    private final String idPath;
    private final ListFilter.Parser idParser;
    private final Function<E, Object> idOf;
    private final Map<String, String> sortKeys;
    private final Map<String, ListFilter> filters;

    private ListQuery(Builder<E> b) {
        this.entity = b.entity;
        this.path = b.path;
        this.idPath = b.idPath;
        this.idParser = b.idParser;
        this.idOf = b.idOf;
        this.sortKeys = Collections.unmodifiableMap(new LinkedHashMap<>(b.sortKeys));
        this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
    }

    /** A list of {@code entity} served at {@code path} (a template such as {@code /v1/images/{id}/members}). */
    public static <E> Builder<E> builder(Class<E> entity, String path, Function<E, Object> idOf) {
        return new Builder<>(entity, path, idOf);
    }

    /** The route's path template, as the OpenAPI description names it. */
    public String path() {
        return path;
    }

    /** Sort keys, the default (first) one first. */
    public Set<String> sortKeys() {
        return sortKeys.keySet();
    }

    public Map<String, ListFilter> filters() {
        return filters;
    }

    /**
     * The page {@code params} ask for, among the rows of {@code scope}; {@code requestPath} is the path the next
     * link repeats (the route's path with its path parameters filled in).
     */
    public ListPage<E> run(EntityManager em, String requestPath, Scope scope, Map<String, List<String>> params) {
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            ListFilter filter = filters.get(p.getKey());
            if (filter == null && !PAGING.contains(p.getKey())) {
                throw ApiException.badRequest(p.getKey(), "unknown parameter '" + p.getKey() + "'; " + path
                        + " takes " + String.join(", ", filters.keySet()) + (filters.isEmpty() ? "" : ", ")
                        + String.join(", ", PAGING));
            }
            if (p.getValue().size() > 1 && (filter == null || !filter.repeatable())) {
                throw ApiException.badRequest(p.getKey(), p.getKey() + " may be given only once");
            }
        }
        int limit = limit(single(params, "limit"));
        String sortKey = single(params, "sort_key");
        String sort = sortKeys.get(sortKey == null ? sortKeys.keySet().iterator().next() : sortKey);
        if (sort == null) {
            throw ApiException.badRequest("sort_key", "sort_key is one of " + String.join(", ", sortKeys.keySet()));
        }
        String dir = single(params, "sort_dir") == null ? "asc" : single(params, "sort_dir");
        if (!dir.equals("asc") && !dir.equals("desc")) {
            throw ApiException.badRequest("sort_dir", "sort_dir is asc or desc");
        }
        StringBuilder where = new StringBuilder("(").append(scope.condition()).append(')');
        Map<String, Object> args = new HashMap<>(scope.parameters());
        int n = 0;
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            ListFilter filter = filters.get(p.getKey());
            for (String text : filter == null ? List.<String>of() : p.getValue()) {
                Object value = filter.parser().parse(p.getKey(), text == null ? "" : text);
                for (ListFilter.Clause clause : ListFilter.clauses(filter, value)) {
                    if (clause.value() == null) {
                        where.append(" and (").append(clause.condition()).append(')');
                    } else {
                        String name = "filter" + n++;
                        where.append(" and (").append(clause.condition().replace(":value", ":" + name)).append(')');
                        args.put(name, clause.value());
                    }
                }
            }
        }
        String marker = single(params, "marker");
        if (marker != null) {
            String cmp = dir.equals("asc") ? ">" : "<";
            args.put("markerValue", markerValue(em, scope, sort, marker));
            args.put("markerId", idParser.parse("marker", marker));
            // the first bound is implied by the second; it is there for the index on (scope..., sort, id), which
            // the OR alone does not use (a deep page would read every row before it)
            where.append(" and ").append(sort).append(' ').append(cmp).append("= :markerValue and (").append(sort)
                    .append(' ').append(cmp).append(" :markerValue or (").append(sort).append(" = :markerValue and ")
                    .append(idPath).append(' ').append(cmp).append(" :markerId))");
        }
        TypedQuery<E> query = em.createQuery("select e from " + entity.getSimpleName() + " e where " + where
                + " order by " + sort + " " + dir + ", " + idPath + " " + dir, entity);
        args.forEach(query::setParameter);
        // a page is read to be shown: Hibernate keeps no snapshot of its rows and does not dirty-check them at
        // commit (a JSON column's snapshot is a deep copy through Jackson, per row)
        query.setHint(READ_ONLY, true);
        List<E> rows = query.setMaxResults(limit + 1).getResultList();
        if (rows.size() <= limit) {
            return new ListPage<>(rows, null);
        }
        rows = new ArrayList<>(rows.subList(0, limit));
        Map<String, List<String>> next = new LinkedHashMap<>(params);
        next.put("limit", List.of(String.valueOf(limit)));
        next.put("marker", List.of(String.valueOf(idOf.apply(rows.get(limit - 1)))));
        return new ListPage<>(rows, requestPath + "?" + next.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&")));
    }

    /** The marker's sort value; 400 unless it is an item of the scope. */
    private Object markerValue(EntityManager em, Scope scope, String sort, String marker) {
        Object id;
        try {
            id = idParser.parse("marker", marker);
        } catch (ApiException e) {
            id = null;
        }
        if (id == null) {
            throw ApiException.badRequest("marker", "marker is the id of the last item of the previous page");
        }
        var query = em.createQuery("select " + sort + " from " + entity.getSimpleName() + " e where ("
                + scope.condition() + ") and " + idPath + " = :markerId");
        scope.parameters().forEach(query::setParameter);
        List<?> found = query.setParameter("markerId", id).getResultList();
        if (found.isEmpty()) {
            throw ApiException.badRequest("marker", "marker " + marker + " is not an item of this list (deleted"
                    + " since?); start again without a marker");
        }
        return found.get(0);
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int limit(String value) {
        return WholeNumbers.between("limit", value, 1, MAX_LIMIT, MAX_LIMIT);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Defines a {@link ListQuery}: sort keys (the first is the default) and filters, by parameter name. */
    public static final class Builder<E> {
        private final Class<E> entity;
        private final String path;
        private final Function<E, Object> idOf;
        private String idPath = "e.id";
        private ListFilter.Parser idParser = ListFilter::parseUuid;
        private final Map<String, String> sortKeys = new LinkedHashMap<>();
        private final Map<String, ListFilter> filters = new LinkedHashMap<>();

        private Builder(Class<E> entity, String path, Function<E, Object> idOf) {
            this.entity = entity;
            this.path = path;
            this.idOf = idOf;
        }

        /** Items identified by a text field instead of the UUID {@code e.id}. */
        public Builder<E> textId(String idPath) {
            this.idPath = idPath;
            this.idParser = (p, v) -> v.isEmpty() ? null : v;
            return this;
        }

        /** {@code sort_key=name} orders by the HQL expression (never null). */
        public Builder<E> sort(String name, String expression) {
            sortKeys.put(name, expression);
            return this;
        }

        public Builder<E> filter(String name, ListFilter filter) {
            filters.put(name, filter);
            return this;
        }

        public ListQuery<E> build() {
            if (sortKeys.isEmpty()) {
                throw new IllegalStateException("a list needs a sort key");
            }
            return new ListQuery<>(this);
        }
    }
}
