package dev.stratus.agent.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Collection;

/** What the metadata service answers to one request: a status, a content type and a body. */
record Answer(int status, String contentType, byte[] body) {
    static final String TEXT = "text/plain; charset=utf-8";
    static final Answer NOT_FOUND = text(404, "Not Found");

    static Answer text(int status, String text) {
        return new Answer(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static Answer ok(String text) {
        return text(200, text);
    }

    /** A directory listing as both layouts serve it: one name a line, no final newline. */
    static Answer listing(Collection<String> names) {
        return ok(String.join("\n", names));
    }
}
