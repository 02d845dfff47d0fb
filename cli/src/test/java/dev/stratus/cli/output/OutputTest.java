package dev.stratus.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Column> COLUMNS = List.of(Column.of("ID", "id"), Column.of("NAME", "name"),
            Column.of("FLAVOR", "flavor.id"),
            Column.of("ADDRESSES", "addresses", row -> Values.addresses(row.path("addresses"))));

    private final List<Object> servers = List.of(
            Map.of("id", "a1", "name", "web-1", "flavor", Map.of("id", "m1.tiny"),
                    "addresses", Map.of("private", List.of(Map.of("addr", "10.0.0.3")))),
            Map.of("id", "b2", "name", "db", "flavor", Map.of("id", "m1.small"), "addresses", Map.of()));

    private String print(Format format, boolean quiet, List<String> columns, java.util.function.Consumer<Output> use) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        use.accept(new Output(format, quiet, columns, new PrintStream(bytes, true, StandardCharsets.UTF_8), JSON));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void tableAlignsColumnsUnderTheirHeaders() {
        String table = print(Format.table, false, null, o -> o.list(servers, COLUMNS));
        assertEquals("""
                ID  NAME   FLAVOR    ADDRESSES
                a1  web-1  m1.tiny   private=10.0.0.3
                b2  db     m1.small
                """, table);
    }

    @Test
    void jsonIsTheApisMembers() throws Exception {
        JsonNode array = JSON.readTree(print(Format.json, false, null, o -> o.list(servers, COLUMNS)));
        assertEquals(2, array.size());
        assertEquals("m1.tiny", array.get(0).path("flavor").path("id").asText());
        assertEquals("10.0.0.3", array.get(0).path("addresses").path("private").get(0).path("addr").asText());
    }

    @Test
    void yamlOfOneResource() {
        String yaml = print(Format.yaml, false, null, o -> o.show(Map.of("id", "a1")));
        assertEquals("id: a1\n", yaml);
    }

    @Test
    void valuePrintsBareColumnsForScripts() {
        assertEquals("a1 web-1\nb2 db\n", print(Format.value, false, List.of("id", "name"),
                o -> o.list(servers, COLUMNS)));
        assertEquals("web-1\nm1.tiny\n", print(Format.value, false, List.of("name", "flavor.id"),
                o -> o.show(servers.get(0))));
    }

    @Test
    void quietPrintsIdsOnly() {
        assertEquals("a1\nb2\n", print(Format.table, true, null, o -> o.list(servers, COLUMNS)));
        assertEquals("a1\n", print(Format.json, true, null, o -> o.show(servers.get(0))));
    }

    @Test
    void columnsSelectByHeaderOrFieldAndAnyMemberOfTheResource() throws Exception {
        assertEquals("NAME   FLAVOR\nweb-1  m1.tiny\ndb     m1.small\n",
                print(Format.table, false, List.of("name", "FLAVOR"), o -> o.list(servers, COLUMNS)));
        JsonNode kept = JSON.readTree(print(Format.json, false, List.of("id"), o -> o.show(servers.get(0))));
        assertEquals(JSON.readTree("{\"id\":\"a1\"}"), kept);
    }

    @Test
    void showIsAFieldValueTable() {
        String table = print(Format.table, false, null, o -> o.show(Map.of("id", "a1")));
        assertEquals("FIELD  VALUE\nid     a1\n", table);
    }

    @Test
    void cellsStayOnOneLine() {
        String table = print(Format.table, false, List.of("name"),
                o -> o.list(List.of(Map.of("name", "two\nlines")), COLUMNS));
        assertTrue(table.contains("two lines"), table);
    }

    @Test
    void rowsThatComeInBatchesHaveOneHeaderAlignedOnTheFirstEventsAndWidenLater() {
        String table = print(Format.table, false, List.of("id", "name", "flavor"), o -> {
            Output.Rows rows = o.rows(COLUMNS);
            rows.add(List.of()); // nothing yet: not even the header
            rows.add(servers);
            rows.add(List.of(Map.of("id", "c3", "name", "a-longer-name", "flavor", Map.of("id", "m1.tiny")),
                    Map.of("id", "d4", "name", "x", "flavor", Map.of("id", "m1.tiny"))));
        });
        assertEquals("""
                ID  NAME   FLAVOR
                a1  web-1  m1.tiny
                b2  db     m1.small
                c3  a-longer-name  m1.tiny
                d4  x              m1.tiny
                """, table);
    }

    @Test
    void rowsInJsonAreOneObjectALineAndInYamlOneDocumentEach() throws Exception {
        String json = print(Format.json, false, List.of("id"), o -> {
            o.rows(COLUMNS).add(servers);
        });
        assertEquals(List.of("{\"id\":\"a1\"}", "{\"id\":\"b2\"}"), json.lines().toList());
        String yaml = print(Format.yaml, false, List.of("id"), o -> o.rows(COLUMNS).add(servers));
        assertEquals("---\nid: a1\n---\nid: b2\n", yaml);
    }
}
