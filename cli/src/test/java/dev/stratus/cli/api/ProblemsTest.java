package dev.stratus.cli.api;

import dev.stratus.client.ApiException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProblemsTest {
    @Test
    void theProblemsDetailOnOneLine() {
        assertEquals("409 Conflict: action stop is not allowed while the server is STOPPED", Problems.line(409,
                "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"action stop is not allowed\\nwhile the server is STOPPED\"}"));
    }

    @Test
    void theTitleWhenThereIsNoDetail() {
        assertEquals("503 Service Unavailable: image-service does not answer",
                Problems.line(503, "{\"title\":\"image-service does not answer\"}"));
    }

    @Test
    void notAProblem() {
        assertEquals("502 Bad Gateway: <html>bad gateway</html>", Problems.line(502, "<html>bad gateway</html>\n..."));
        assertEquals("404 Not Found", Problems.line(404, ""));
    }

    @Test
    void unreachable() {
        ApiException e = new ApiException(new ConnectException());
        assertEquals("cannot reach the API at http://localhost:1: connection refused",
                Problems.line(e, "http://localhost:1"));
    }
}
