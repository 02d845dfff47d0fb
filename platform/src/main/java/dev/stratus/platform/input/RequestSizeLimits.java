package dev.stratus.platform.input;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;

/**
 * 414, 431 and 413 as problem+json. Netty answers a request line or headers over its limits itself, with no body; so
 * its limits are raised to {@link #NETTY_FLOOR} (or 4 times the configured ones, if more) and the configured limits
 * are enforced here, before RESTEasy and the edge routes, with a problem:
 * <ul>
 *   <li>request-target longer than {@code quarkus.http.limits.max-initial-line-length} (default 4096) → 414;</li>
 *   <li>header names and values together over {@code quarkus.http.limits.max-header-size} (default 20K) → 431;</li>
 *   <li>{@code Content-Length} over {@code quarkus.http.limits.max-body-size} (default 10240K) → 413, and the
 *   connection closed (the body is not read). A chunked body over the limit is cut by Quarkus (413 too).</li>
 * </ul>
 * A request beyond Netty's raised limits still gets Netty's bare 414/431 and the connection closed.
 */
@ApplicationScoped
public class RequestSizeLimits implements HttpServerOptionsCustomizer {
    static final int NETTY_FLOOR = 64 * 1024;
    /** Before {@link RequestTargetGuard}: a huge request-target is refused before it is decoded. */
    static final int PRIORITY = RequestTargetGuard.PRIORITY + 1;

    private final int maxTarget = (int) size("quarkus.http.limits.max-initial-line-length", 4096);
    private final long maxHeaders = size("quarkus.http.limits.max-header-size", 20 * 1024);
    private final long maxBody = size("quarkus.http.limits.max-body-size", 10240 * 1024);

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setMaxInitialLineLength(Math.max(NETTY_FLOOR, 4 * maxTarget));
        options.setMaxHeaderSize((int) Math.min(Integer.MAX_VALUE, Math.max(NETTY_FLOOR, 4 * maxHeaders)));
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext ctx) {
        int target = ctx.request().uri().length();
        if (target > maxTarget) {
            EarlyProblems.answer(ctx, 414, "URI Too Long", "the request-target has " + target
                    + " characters; at most " + maxTarget + " are taken");
            return;
        }
        long headers = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headers += header.getKey().length() + header.getValue().length() + 2;
        }
        if (headers > maxHeaders) {
            EarlyProblems.answer(ctx, 431, "Request Header Fields Too Large", "the request's headers have " + headers
                    + " bytes; at most " + maxHeaders + " are taken");
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && bodyTooLarge(length)) {
            EarlyProblems.answerAndClose(ctx, 413, "Content Too Large", "the request's body has " + length
                    + " bytes; at most " + maxBody + " are taken");
            return;
        }
        ctx.next();
    }

    private boolean bodyTooLarge(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBody;
        } catch (NumberFormatException e) {
            return false; // Netty refuses a malformed Content-Length itself
        }
    }

    private static long size(String property, long fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, MemorySize.class).map(MemorySize::asLongValue)
                .orElse(fallback);
    }
}
