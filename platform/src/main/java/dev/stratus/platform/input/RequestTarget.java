package dev.stratus.platform.input;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a raw request-target ({@code /v1/users/%00?name=a%0Ab}) as a service would, each path segment and query
 * parameter percent-decoded (UTF-8), and says whether it is a URI at all and what in it holds a control character;
 * a control character is never let through, encoded or not.
 */
final class RequestTarget {
    private RequestTarget() {
    }

    /** Why {@code uri} is not a request-target ({@code %ZZ}, a lone {@code %}, a space…); null if it is one. */
    static String findMalformed(String uri) {
        if (uri == null || uri.isEmpty()) {
            return "the request has no target";
        }
        try {
            new java.net.URI(uri);
            return null;
        } catch (java.net.URISyntaxException e) {
            return "the request target is not a valid URI (" + e.getReason() + " at index " + e.getIndex()
                    + "); a '%' must start an escape of two hexadecimal digits (a '%' itself is %25)";
        }
    }

    /** What holds a control character ("the path", "query parameter 'name'"), with where; null if nothing does. */
    static String findControlCharacter(String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String decodedPath = decode(path, false);
        int at = ControlCharacters.inLine(decodedPath);
        if (at >= 0) {
            return "the path holds " + ControlCharacters.describe(decodedPath, at);
        }
        if (question < 0) {
            return null;
        }
        for (String pair : uri.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), true);
            at = ControlCharacters.inLine(name);
            if (at >= 0) {
                return "a query parameter's name holds " + ControlCharacters.describe(name, at);
            }
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), true);
            at = ControlCharacters.inLine(value);
            if (at >= 0) {
                return "query parameter '" + name + "' holds " + ControlCharacters.describe(value, at);
            }
        }
        return null;
    }

    /** Percent-decodes {@code raw} as UTF-8 ({@code +} is a space in a query); a bad escape stays as it is. */
    static String decode(String raw, boolean query) {
        if (raw.indexOf('%') < 0 && !(query && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && query) {
                bytes.write(' ');
            } else {
                int codePoint = raw.codePointAt(i);
                byte[] encoded = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
