package dev.stratus.platform.paging;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.List;
import java.util.Map;

/**
 * Documents list routes' query parameters in the OpenAPI description from their {@link ListQuery} definitions (the
 * routes read them from the request URI, so there is no {@code @QueryParam} to document them): a service's
 * {@code OASFilter} calls {@link #document} with its lists.
 */
public final class ListDocs {
    private ListDocs() {
    }

    /** Adds each list's filters and paging parameters to the GET operation of its path. */
    public static void document(OpenAPI openApi, List<ListQuery<?>> lists) {
        if (openApi.getPaths() == null) {
            return;
        }
        for (ListQuery<?> list : lists) {
            PathItem item = openApi.getPaths().getPathItem(list.path());
            Operation get = item == null ? null : item.getGET();
            if (get == null) {
                continue;
            }
            for (Map.Entry<String, ListFilter> f : list.filters().entrySet()) {
                add(get, f.getKey(), f.getValue().description(), schema(f.getValue().type()));
            }
            add(get, "limit", "How many items at most (1 to " + ListQuery.MAX_LIMIT + ", default "
                    + ListQuery.MAX_LIMIT + "); the body's `next` links to the next page, absent on the last",
                    schema("integer").minimum(java.math.BigDecimal.ONE)
                            .maximum(java.math.BigDecimal.valueOf(ListQuery.MAX_LIMIT)));
            add(get, "marker", "The id of the last item of the previous page (as in `next`)", schema("string"));
            add(get, "sort_key", "What the list is ordered by (then by id); default "
                    + list.sortKeys().iterator().next(), schema("string")
                    .enumeration(List.copyOf(list.sortKeys())));
            add(get, "sort_dir", "asc (default) or desc", schema("string").enumeration(List.of("asc", "desc")));
        }
    }

    private static void add(Operation operation, String name, String description, Schema schema) {
        if (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> name.equals(p.getName()) && p.getIn() == Parameter.In.QUERY)) {
            return;
        }
        operation.addParameter(OASFactory.createParameter().name(name).in(Parameter.In.QUERY)
                .description(description).required(false).schema(schema));
    }

    private static Schema schema(String type) {
        return OASFactory.createSchema().addType(Schema.SchemaType.valueOf(type.toUpperCase()));
    }
}
