package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One operation of a published OpenAPI document, as the fuzzer needs it: who serves it, the parameters it declares
 * and the schema of its JSON body (resolved: no {@code $ref} left), or the media type of a body that is not JSON.
 *
 * @param service     the service that serves it (api-service, image-service, network-service, scheduler-service)
 * @param bodyType    the first media type of its request body, null without one
 * @param bodySchema  the resolved schema of a JSON body, null otherwise
 * @param declaredPublic whether the document says it needs no token ({@code security: []}), null if it says nothing
 */
public record ApiOperation(String service, String method, String path, List<Param> params, String bodyType,
        JsonNode bodySchema, Boolean declaredPublic) {

    /** A path, query or header parameter and its resolved schema. */
    public record Param(String name, String in, JsonNode schema) {
        public String type() {
            return schema.path("type").asText("string");
        }
    }

    public String key() {
        return service + " " + method + " " + path;
    }

    public boolean hasJsonBody() {
        return bodyType != null && bodyType.contains("json");
    }

    public boolean hasBody() {
        return bodyType != null;
    }

    public List<Param> params(String in) {
        return params.stream().filter(p -> p.in().equals(in)).toList();
    }

    @Override
    public String toString() {
        return key();
    }
}
