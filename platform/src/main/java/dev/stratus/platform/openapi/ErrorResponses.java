package dev.stratus.platform.openapi;

import dev.stratus.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The error answers of the native APIs, each an RFC 9457 {@link Problem} under {@code application/problem+json}
 * (schema {@code Problem}, one shared response per status under {@code components/responses}), and which operation
 * answers which:
 * <ul>
 * <li>400: anything that takes a body or query parameters (a malformed or invalid one);</li>
 * <li>401 and 403: every protected operation (no or a bad token; a role or a reader's token that may not);</li>
 * <li>404: a route with an id in its path (it does not exist, or belongs to another project);</li>
 * <li>409: every write (a state that forbids it, a name taken, a resource in use, an {@code Idempotency-Key}
 * reused with another body);</li>
 * <li>413 and 415: a body that is too large or not of the media type the route takes;</li>
 * <li>429 with {@code Retry-After}: every protected operation (a project's rate limit) and the token issue (per
 * user and address);</li>
 * <li>503 with {@code Retry-After}: every operation (the database or a service it needs cannot be reached).</li>
 * </ul>
 * A route's own answers for other statuses (416 on a byte range...) are on its resource method; a service's filter
 * adds a shared one a rule does not give ({@code ContractFilter.alsoAnswers}: 409 on reading a queued image's data).
 */
final class ErrorResponses {
    private static final String SCHEMA = "Problem";
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("400", "BadRequest");
        NAMES.put("401", "Unauthorized");
        NAMES.put("403", "Forbidden");
        NAMES.put("404", "NotFound");
        NAMES.put("409", "Conflict");
        NAMES.put("413", "ContentTooLarge");
        NAMES.put("415", "UnsupportedMediaType");
        NAMES.put("429", "TooManyRequests");
        NAMES.put("503", "ServiceUnavailable");
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            "400", "The request is malformed or invalid; `detail` says what to fix and `field` names the member.",
            "401", "No token, or one that is expired, revoked or not signed by Stratus.",
            "403", "The token's roles do not allow this (a reader's token writes, a member's token administers).",
            "404", "No such resource in the caller's project (another project's resource is a 404 as well).",
            "409", "The resource's state forbids this now, a name is taken, it is in use, or the Idempotency-Key"
                    + " was used with another body.",
            "413", "The body is larger than allowed (an image over the size limit or the project's quota).",
            "415", "The body is not of a media type this operation takes.",
            "429", "Too many requests: wait `Retry-After` seconds.",
            "503", "A service or the database this request needs cannot be reached now; nothing was changed, retry"
                    + " after `Retry-After` seconds.");

    private final Components components;

    ErrorResponses(Components components) {
        this.components = components;
    }

    /** Adds the error answers of one operation (a status it documents itself is kept). */
    void document(PathItem.HttpMethod method, String path, Operation operation, boolean authenticated) {
        boolean body = operation.getRequestBody() != null;
        boolean query = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean write = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE;
        if (body || query) {
            add(operation, "400");
        }
        if (authenticated) {
            add(operation, "401");
            add(operation, "403");
        }
        if (path.contains("{")) {
            add(operation, "404");
        }
        if (write && authenticated) {
            add(operation, "409");
        }
        if (body) {
            add(operation, "413");
            add(operation, "415");
        }
        if (authenticated || method == PathItem.HttpMethod.POST) {
            add(operation, "429");
        }
        add(operation, "503");
    }

    /** Adds the shared answer of {@code status} (one of the statuses above) to an operation. */
    void add(Operation operation, String status) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponse existing = operation.getResponses().getAPIResponse(status);
        if (existing != null && existing.getContent() != null) {
            return; // the method documents this answer itself
        }
        operation.getResponses().addAPIResponse(status,
                OASFactory.createAPIResponse().ref("#/components/responses/" + response(status)));
    }

    /** The shared response of a status, created in the components on first use. */
    private String response(String status) {
        String name = NAMES.get(status);
        if (components.getResponses() == null || !components.getResponses().containsKey(name)) {
            APIResponse response = OASFactory.createAPIResponse().description(DESCRIPTIONS.get(status))
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema()
                                    .ref("#/components/schemas/" + problemSchema()))));
            if (status.equals("429") || status.equals("503")) {
                response.addHeader("Retry-After", retryAfter());
            }
            if (status.equals("401")) {
                response.addHeader("WWW-Authenticate", OASFactory.createHeader()
                        .description("`Bearer realm=\"stratus\"`").schema(string()));
            }
            Map<String, APIResponse> all = components.getResponses() == null ? new TreeMap<>()
                    : new TreeMap<>(components.getResponses());
            all.put(name, response);
            components.setResponses(all);
        }
        return name;
    }

    private String problemSchema() {
        if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
            components.addSchema(SCHEMA, problem());
        }
        return SCHEMA;
    }

    /** {@link Problem}, open to the extension members some problems carry (e.g. {@code vm_state} on a 409). */
    static Schema problem() {
        Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem: what went wrong and what to fix. Some problems carry extension"
                        + " members (a refused server action carries `action`, `vm_state` and `task_state`).")
                .required(List.of("type", "title", "status", "detail"))
                .additionalPropertiesBoolean(Boolean.TRUE);
        schema.addProperty("type", string().description("A URI naming the problem type; `about:blank` when"
                + " the status says it all").example("about:blank"));
        schema.addProperty("title", string().description("The status's reason phrase").example("Conflict"));
        schema.addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                .format("int32").minimum(BigDecimal.valueOf(400)).maximum(BigDecimal.valueOf(599))
                .description("The HTTP status").example(409));
        schema.addProperty("detail", string().description("What happened and what to do about it, in one"
                + " sentence").example("server 1f0e... is STOPPED; stop is not allowed"));
        schema.addProperty("field", string().description("The request member to fix, when one is to blame")
                .example("flavor"));
        return schema;
    }

    private static Header retryAfter() {
        return OASFactory.createHeader().description("Whole seconds to wait before retrying")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .minimum(BigDecimal.ONE));
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }
}
