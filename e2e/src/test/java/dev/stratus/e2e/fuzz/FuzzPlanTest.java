package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stratus.e2e.Stack;
import dev.stratus.e2e.fuzz.FuzzCase.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzzer's plan, without a stack: read from the documents, replayable by its seed, complete, safe. */
class FuzzPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OPENAPI = Stack.ROOT.resolve("openapi");

    private static List<ApiOperation> operations() {
        return OpenApiDocuments.read(OpenApiDocuments.in(OPENAPI));
    }

    @Test
    void everyOperationOfEveryPublishedDocumentIsRead() throws Exception {
        List<ApiOperation> operations = operations();
        for (String service : OpenApiDocuments.SERVICES) {
            Path file = OPENAPI.resolve(service + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            int declared = 0;
            for (JsonNode item : JSON.readTree(Files.readString(file)).path("paths")) {
                for (String method : List.of("get", "post", "put", "patch", "delete")) {
                    declared += item.has(method) ? 1 : 0;
                }
            }
            assertEquals(declared, operations.stream().filter(o -> o.service().equals(service)).count(), service);
        }
        ApiOperation create = operations.stream().filter(o -> o.key().equals("api-service POST /v1/servers"))
                .findFirst().orElseThrow();
        assertEquals("string", Schemas.kind(create.bodySchema().path("properties").path("name")),
                "the body's $ref is resolved");
    }

    @Test
    void yamlDocumentsAndMergedDocumentsAreReadLikeJson(@TempDir Path dir) throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode image = JSON.readTree(Files.readString(OPENAPI.resolve("image-service.json")));
        Files.writeString(dir.resolve("image-service.yaml"), yaml.writeValueAsString(image));
        List<ApiOperation> fromJson = OpenApiDocuments.read(List.of(OPENAPI.resolve("image-service.json")));
        List<ApiOperation> fromYaml = OpenApiDocuments.read(List.of(dir.resolve("image-service.yaml")));
        assertEquals(fromJson.toString(), fromYaml.toString());
        assertEquals(fromJson.stream().map(o -> String.valueOf(o.bodySchema())).toList(),
                fromYaml.stream().map(o -> String.valueOf(o.bodySchema())).toList());

        // a merged document: services from x-stratus-service or from the public URL's routing
        ObjectNode merged = (ObjectNode) image.deepCopy();
        merged.path("paths").fieldNames().forEachRemaining(path -> { // internal routes are not routed publicly
            if (path.startsWith("/internal/")) {
                ((ObjectNode) merged.path("paths").path(path)).put("x-stratus-service", "image-service");
            }
        });
        Files.writeString(dir.resolve("stratus.yaml"), yaml.writeValueAsString(merged));
        List<ApiOperation> fromMerged = OpenApiDocuments.read(List.of(dir.resolve("stratus.yaml")));
        assertEquals(fromJson.toString(), fromMerged.toString());
        // read after the per-service documents, a merged document adds nothing twice
        List<ApiOperation> both = OpenApiDocuments.read(List.of(OPENAPI.resolve("image-service.json"),
                dir.resolve("stratus.yaml")));
        assertEquals(fromJson.size(), both.size());
    }

    @Test
    void theSameSeedSendsTheSameRequestsAndAnotherSeedOthers() {
        List<ApiOperation> ops = operations();
        List<String> one = FuzzPlan.build(ops, 42, 300, 10).describe();
        assertEquals(one, FuzzPlan.build(ops, 42, 300, 10).describe());
        assertEquals(one, FuzzPlan.build(OpenApiDocuments.read(OpenApiDocuments.in(OPENAPI)), 42, 300, 10)
                .describe());
        assertNotEquals(one, FuzzPlan.build(ops, 43, 300, 10).describe());
    }

    @Test
    void everyServiceGetsAFewHundredRequestsOfEveryKind() {
        FuzzPlan plan = FuzzPlan.build(operations(), FuzzE2ETest.DEFAULT_SEED, 300, 10);
        Map<String, Long> perService = plan.cases().values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(c -> c.operation().service(), Collectors.counting()));
        System.out.println("fuzz plan: " + plan.size() + " requests " + perService);
        for (String service : List.of("api-service", "image-service", "network-service")) {
            assertTrue(perService.get(service) >= 200, service + ": " + perService);
        }
        assertTrue(perService.get("scheduler-service") >= 40, "scheduler-service: " + perService);
        assertTrue(plan.size() <= 2_500, "a run stays within a minute or two: " + plan.size());
        Set<Category> categories = plan.cases().values().stream().flatMap(List::stream).map(FuzzCase::category)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Category.class)));
        assertEquals(EnumSet.allOf(Category.class), categories);
        plan.cases().forEach((op, cases) -> {
            assertFalse(cases.isEmpty(), op + " gets no request");
            if (op.hasJsonBody()) {
                Set<Category> kinds = cases.stream().map(FuzzCase::category).collect(Collectors.toSet());
                for (Category c : List.of(Category.BODY_SHAPE, Category.BODY_NESTING, Category.BODY_EXTRA,
                        Category.BODY_MISSING, Category.CONTENT_TYPE, Category.ACCEPT)) {
                    assertTrue(kinds.contains(c), op + " gets no " + c.title);
                }
            }
            for (ApiOperation.Param p : op.params("path")) {
                assertTrue(cases.stream().anyMatch(c -> "%00".equals(c.pathValues().get(p.name()))),
                        op + " gets no NUL in {" + p.name() + "}");
            }
        });
    }

    /** A DELETE or a body-less action is never sent with nothing but real ids (it would delete or act on them). */
    @Test
    void deletesAndActionsOnlyGetBadIds() {
        FuzzPlan plan = FuzzPlan.build(operations(), FuzzE2ETest.DEFAULT_SEED, 300, 10);
        plan.cases().forEach((op, cases) -> {
            if (CaseCatalog.actsWithoutBody(op)) {
                for (FuzzCase c : cases) {
                    boolean refusedCaller = c.category() == Category.ROLE;
                    boolean harmlessBody = c.category() == Category.CONTENT_TYPE && !op.path().contains("/actions/");
                    assertTrue(!c.pathValues().isEmpty() || refusedCaller || harmlessBody || c.category()
                            == Category.LIMITS, op + ": " + c.describe());
                    assertFalse(c.pathValues().values().stream().anyMatch(v -> v.startsWith("@@upper:")
                            || v.equals("..") || v.equals("%2E%2E") || v.isEmpty()), op + ": " + c.describe());
                }
            }
        });
    }

    @Test
    void controlCharactersAreSentAsWritten() {
        ApiOperation create = operations().stream().filter(o -> o.key().equals("network-service POST /v1/networks"))
                .findFirst().orElseThrow();
        List<FuzzCase> cases = FuzzPlan.build(List.of(create), 1, 1_000, 1_000).cases().get(create);
        assertTrue(cases.stream().anyMatch(c -> c.body() != null && new String(c.body())
                .contains("\"name\":\"a\\u0000b\"")), "a NUL in the name");
        assertTrue(cases.stream().anyMatch(c -> c.body() != null && new String(c.body())
                .contains("\\uD800") || c.body() != null && new String(c.body()).contains("\\ud800")),
                "a lone surrogate");
    }
}
