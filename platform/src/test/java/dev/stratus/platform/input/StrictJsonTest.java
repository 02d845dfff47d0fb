package dev.stratus.platform.input;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON rules every service's REST layer applies (issue 12): no coercion, no unknown field, no control character. */
class StrictJsonTest {
    record Attachment(String network, String port) {
    }

    record Body(String name, Boolean enabled, Integer count, Long limit, Double ratio, String description,
                List<Attachment> networks, Map<String, String> metadata, List<String> tags) {
    }

    private final ObjectMapper mapper = StrictJson.apply(new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));

    @Test
    void aNumberForAStringIsRefusedNamingTheField() {
        assertEquals("name", refusedPath("{\"name\": 12345}"));
        assertEquals("name", refusedPath("{\"name\": 1.5}"));
        assertEquals("name", refusedPath("{\"name\": true}"));
        assertEquals("tags[1]", refusedPath("{\"tags\": [\"a\", 7]}"));
    }

    @Test
    void minusOneOrAStringForABooleanIsRefused() {
        assertEquals("enabled", refusedPath("{\"enabled\": -1}"));
        assertEquals("enabled", refusedPath("{\"enabled\": 1}"));
        assertEquals("enabled", refusedPath("{\"enabled\": \"true\"}"));
    }

    @Test
    void aStringOrAFloatForAnIntegerIsRefused() {
        assertEquals("count", refusedPath("{\"count\": \"5\"}"));
        assertEquals("count", refusedPath("{\"count\": 1.5}"));
        assertEquals("limit", refusedPath("{\"limit\": \"-1\"}"));
        assertEquals("ratio", refusedPath("{\"ratio\": \"0.5\"}"));
        assertEquals("count", refusedPath("{\"count\": false}"));
    }

    @Test
    void anUnknownFieldIsRefusedNamingIt() {
        assertEquals("project_id", refusedPath("{\"name\": \"a\", \"project_id\": \"x\"}"));
        assertEquals("networks[0].uuid", refusedPath("{\"networks\": [{\"uuid\": \"x\"}]}"));
    }

    @Test
    void aNulOrOtherControlCharacterInAStringIsRefusedNamingItsPath() {
        assertEquals("name", refusedPath("{\"name\": \"stratus-tiny\\u0000\"}"));
        assertEquals("networks[0].port", refusedPath("{\"networks\": [{\"port\": \"a\\u001bb\"}]}"));
        assertEquals("description", refusedPath("{\"description\": \"bell\\u0007\"}"));
        assertEquals("description", refusedPath("{\"description\": \"c1\\u0085\"}"));
        assertEquals("metadata.k", refusedPath("{\"metadata\": {\"k\": \"v\\u0000\"}}"));
        assertTrue(refusedPath("{\"metadata\": {\"k\\u0000\": \"v\"}}").startsWith("metadata"));
    }

    @Test
    void freeTextKeepsTabNewlineAndReturn() throws Exception {
        Body body = mapper.readValue("{\"description\": \"line 1\\r\\nline\\t2\", \"name\": \"caf\\u00e9\"}",
                Body.class);
        assertEquals("line 1\r\nline\t2", body.description());
        assertEquals("café", body.name());
    }

    @Test
    void valuesOfTheDeclaredTypeAreTaken() throws Exception {
        Body body = mapper.readValue("{\"name\": \"a\", \"enabled\": false, \"count\": 3, \"limit\": -1,"
                + " \"ratio\": 2, \"networks\": [{\"network\": \"n\"}], \"metadata\": {\"k\": \"v\"},"
                + " \"tags\": [\"x\"]}", Body.class);
        assertEquals(-1L, body.limit());
        assertEquals(2.0, body.ratio());
        assertEquals("n", body.networks().get(0).network());
    }

    @Test
    void treesOfMergePatchesAreCheckedToo() throws Exception {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"properties\": {\"a\": [\"ok\", \"x\\u0000\"]}}", JsonNode.class));
        assertEquals("properties.a[1]", path(e));
        JsonMappingException key = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"na\\nme\": 1}", JsonNode.class));
        assertEquals("na\nme", path(key));
        assertEquals("text\nwith lines", mapper.readValue("{\"d\": \"text\\nwith lines\"}", JsonNode.class)
                .path("d").asText());
    }

    private String refusedPath(String json) {
        return path(assertThrows(JsonMappingException.class, () -> mapper.readValue(json, Body.class), json));
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
