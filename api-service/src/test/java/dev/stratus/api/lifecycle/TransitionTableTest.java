package dev.stratus.api.lifecycle;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle is readable in one place: docs/lifecycle.md shows the code's table, and no class outside the
 * {@code lifecycle} package ({@link InstanceLifecycle} and its parts) writes an instance's desired state, vm_state or
 * task_state.
 */
class TransitionTableTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void docsShowTheTableTheCodeApplies() throws IOException {
        String doc = Files.readString(MODULE.resolveSibling("docs/lifecycle.md"));
        Matcher table = Pattern.compile("<!-- transition-table:begin -->\\n(.*)<!-- transition-table:end -->",
                Pattern.DOTALL).matcher(doc);
        assertTrue(table.find(), "docs/lifecycle.md has no transition table between its markers");
        assertEquals(Transition.markdown(), table.group(1),
                "docs/lifecycle.md differs from Transition.markdown(): copy the table from the code");
    }

    @Test
    void onlyTheLifecyclePackageWritesTheLifecycleFields() throws IOException {
        Pattern write = Pattern.compile("\\.(vmState|taskState|desiredState)\\s*=[^=]");
        Path main = MODULE.resolve("src/main/java");
        List<String> writers;
        try (Stream<Path> files = Files.walk(main)) {
            writers = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getParent().endsWith(Path.of("dev/stratus/api/lifecycle")))
                    .filter(f -> {
                        try {
                            return write.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(f -> main.relativize(f).toString()).toList();
        }
        assertEquals(List.of(), writers, "classes outside the lifecycle package write vm_state, task_state or the"
                + " desired state");
    }

    @Test
    void everyTaskSaysWhereItEnds() {
        for (Transition t : Transition.values()) {
            // a snapshot, a rebuild, a revert leave the state as it was; a resize ends in RESIZED by the host's report
            if (t.task() != null && !t.task().endsWithItsOwnReport()) {
                assertEquals(t.endsIn(), Transition.ofTask(t.task()).endsIn(), t + "'s task ends elsewhere when"
                        + " another action runs it");
                assertTrue(t.endsIn() != null && t.desired() != null, t + " says neither where it ends nor what"
                        + " it wants");
            }
        }
    }
}
