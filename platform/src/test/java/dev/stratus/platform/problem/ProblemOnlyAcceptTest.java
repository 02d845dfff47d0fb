package dev.stratus.platform.problem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which Accept headers are widened to JSON: only those that name problem+json and nothing else. */
class ProblemOnlyAcceptTest {
    @Test
    void aGeneratedClientsDeleteAcceptsOnlyProblems() {
        assertTrue(ProblemOnlyAccept.onlyProblems("application/problem+json"));
        assertTrue(ProblemOnlyAccept.onlyProblems("application/problem+json;q=0.9"));
        assertTrue(ProblemOnlyAccept.onlyProblems("Application/Problem+JSON"));
    }

    @Test
    void anythingElseIsLeftAlone() {
        assertFalse(ProblemOnlyAccept.onlyProblems("application/json, application/problem+json"));
        assertFalse(ProblemOnlyAccept.onlyProblems("*/*"));
        assertFalse(ProblemOnlyAccept.onlyProblems("text/plain"));
        assertFalse(ProblemOnlyAccept.onlyProblems(" "));
    }
}
