package dev.stratus.platform.openapi;

import dev.stratus.platform.paging.ListDocs;
import dev.stratus.platform.paging.ListQuery;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of every service's OpenAPI description that no annotation states once: each service's
 * {@code mp.openapi.filter} extends this class. It documents the list routes' query parameters ({@link #lists}),
 * gives every operation its resource's tag ({@link ResourceTags}), declares bearer-token security on every
 * operation but the public ones ({@link #PUBLIC}), and adds the error answers every route shares as one
 * {@code Problem} schema under {@code application/problem+json} ({@link ErrorResponses}). What a single route
 * answers on success (status, schema, {@code Location}) is on its resource method ({@code @APIResponse}); what a
 * service alone knows about its schemas (enums, formats) is in {@link #refine}.
 */
public class ContractFilter implements OASFilter {
    /** The scheme every protected operation names: a Stratus token (RS256 JWT) from {@code POST /v1/auth/tokens}. */
    public static final String BEARER = "bearerAuth";
    /** The operations that take no token: the token issue itself and the keys that verify tokens. */
    public static final Set<String> PUBLIC = Set.of("POST /v1/auth/tokens", "GET /v1/auth/keys");

    /** The list routes of this service whose query parameters (filters, paging, sorting) are documented. */
    protected List<ListQuery<?>> lists() {
        return List.of();
    }

    /** Service-specific schema details (enums, formats, required members); runs last. */
    protected void refine(OpenAPI openApi) {
    }

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
            return;
        }
        ListDocs.document(openApi, lists());
        Components components = components(openApi);
        components.setSecuritySchemes(new TreeMap<>(Map.of(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A Stratus token: `POST /v1/auth/tokens` answers it in `token` (and"
                        + " `X-Subject-Token`); send it as `Authorization: Bearer <token>`."))));
        ErrorResponses errors = new ErrorResponses(components);
        for (Map.Entry<String, PathItem> path : new TreeMap<>(openApi.getPaths().getPathItems()).entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                String route = entry.getKey().name() + " " + path.getKey();
                boolean open = PUBLIC.contains(route);
                Operation operation = entry.getValue();
                operation.setTags(List.of(ResourceTags.of(path.getKey())));
                operation.setSecurity(open ? List.of()
                        : List.of(OASFactory.createSecurityRequirement().addScheme(BEARER)));
                HeaderParameters.normalize(operation);
                if (entry.getKey() == PathItem.HttpMethod.HEAD && operation.getResponses() != null) {
                    operation.getResponses().getAPIResponses().values().forEach(r -> r.setContent(null));
                }
                errors.document(entry.getKey(), path.getKey(), operation, !open);
            }
        }
        openApi.setTags(ResourceTags.used(openApi));
        refine(openApi);
    }

    private static Components components(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        return openApi.getComponents();
    }

    /**
     * Documents a list route's 200 answer as a named object schema: {@code member}, an array of {@code item}, and,
     * when the list is paged, {@code next} (the link to the next page, absent on the last).
     */
    protected static void listBody(OpenAPI openApi, String path, String name, String member, String item,
            boolean paged) {
        Schema list = object().addProperty(member, OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                .items(ref(item))).addRequired(member);
        if (paged) {
            list.addProperty("next", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                    .description("The next page (the same query with `marker`); absent on the last page"));
        }
        openApi.getComponents().addSchema(name, list);
        answer(openApi, path, PathItem.HttpMethod.GET, "200", name);
    }

    /** Adds a shared error answer ({@code "409"}...) that the rules of {@link ErrorResponses} do not give a route. */
    protected static void alsoAnswers(OpenAPI openApi, String path, PathItem.HttpMethod method, String status) {
        new ErrorResponses(openApi.getComponents()).add(operation(openApi, path, method), status);
    }

    /** Sets the JSON schema of one answer of an operation to a component schema. */
    protected static void answer(OpenAPI openApi, String path, PathItem.HttpMethod method, String status,
            String schema) {
        Operation operation = operation(openApi, path, method);
        org.eclipse.microprofile.openapi.models.responses.APIResponse response =
                operation.getResponses().getAPIResponse(status);
        if (response == null) {
            response = OASFactory.createAPIResponse().description("OK");
            operation.getResponses().addAPIResponse(status, response);
        }
        response.setContent(OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(ref(schema))));
    }

    /** The operation of a route; fails when the service no longer serves it. */
    protected static Operation operation(OpenAPI openApi, String path, PathItem.HttpMethod method) {
        PathItem item = openApi.getPaths().getPathItem(path);
        Operation operation = item == null ? null : item.getOperations().get(method);
        if (operation == null) {
            throw new IllegalStateException("the OpenAPI description has no " + method + " " + path);
        }
        return operation;
    }

    /** An empty object schema. */
    protected static Schema object() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT);
    }

    /** A reference to a component schema. */
    protected static Schema ref(String schema) {
        return OASFactory.createSchema().ref("#/components/schemas/" + schema);
    }

    /** A schema of one type ({@code string}, {@code integer}...), with a description. */
    protected static Schema typed(Schema.SchemaType type, String description) {
        return OASFactory.createSchema().addType(type).description(description);
    }

    /** The named component schema, for {@link #refine}; fails when the service no longer has it. */
    protected static Schema schema(OpenAPI openApi, String name) {
        Schema schema = openApi.getComponents().getSchemas() == null ? null
                : openApi.getComponents().getSchemas().get(name);
        if (schema == null) {
            throw new IllegalStateException("the OpenAPI description has no schema " + name);
        }
        return schema;
    }

    /** The named property of a component schema, for {@link #refine}. */
    protected static Schema property(OpenAPI openApi, String schema, String property) {
        Schema owner = schema(openApi, schema);
        Schema member = owner.getProperties() == null ? null : owner.getProperties().get(property);
        if (member == null) {
            throw new IllegalStateException("schema " + schema + " has no property " + property);
        }
        return member;
    }

    /** Closes a string property to these values. */
    protected static void enumerate(OpenAPI openApi, String schema, String property, List<String> values) {
        property(openApi, schema, property).enumeration(List.copyOf(values));
    }

    /** Gives a string property a format ({@code uuid}, {@code byte}, {@code uri}...). */
    protected static void format(OpenAPI openApi, String schema, String property, String format) {
        property(openApi, schema, property).format(format);
    }

    /** Marks members that every answer carries as required and the server-assigned ones as read-only. */
    protected static void required(OpenAPI openApi, String schema, String... properties) {
        Schema owner = schema(openApi, schema);
        for (String p : properties) {
            property(openApi, schema, p);
            if (owner.getRequired() == null || !owner.getRequired().contains(p)) {
                owner.addRequired(p);
            }
        }
    }

    /** Marks server-assigned members (ids, times, states) read-only. */
    protected static void readOnly(OpenAPI openApi, String schema, String... properties) {
        for (String p : properties) {
            property(openApi, schema, p).readOnly(true);
        }
    }
}
