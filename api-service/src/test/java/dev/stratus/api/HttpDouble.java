package dev.stratus.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A JDK HTTP server on localhost standing in for another service in api-service's own tests (the e2e suite runs the
 * real ones): started on a port (0: any free one) with one handler, answering JSON as the services do.
 */
public final class HttpDouble {
    private final HttpServer server;

    private HttpDouble(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code handler} under {@code context} on {@code port} of localhost (0: a free one). */
    public static HttpDouble serve(int port, String context, HttpHandler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            server.createContext(context, handler);
            server.start();
            return new HttpDouble(server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Also serves {@code handler} under {@code context}. */
    public HttpDouble context(String context, HttpHandler handler) {
        server.createContext(context, handler);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://localhost:" + port();
    }

    public void stop() {
        server.stop(0);
    }

    /** Answers {@code body}: {@code application/json}, or {@code application/problem+json} for an error status. */
    public static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json"
                : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
