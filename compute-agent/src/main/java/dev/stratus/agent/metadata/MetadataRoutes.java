package dev.stratus.agent.metadata;

import dev.stratus.agent.network.MetadataProxy;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The metadata service's HTTP routes, only ever served on the agent's unix socket ({@link MetadataServer}): every
 * request is first tied to the guest asking ({@link GuestCallers}, from the network and source address the proxy
 * set) or answered 404; then {@code PUT /latest/api/token} issues an IMDSv2 token, and a {@code GET} reads the
 * OpenStack layout ({@code /openstack...}) or the EC2 one ({@code /<version>/...}), with a token when the guest sends
 * one (a bad or expired one is 401; none is fine, EC2's default "optional" mode).
 */
@Singleton
class MetadataRoutes {
    static final String TOKEN = "X-aws-ec2-metadata-token";
    static final String TOKEN_TTL = "X-aws-ec2-metadata-token-ttl-seconds";
    private static final String CALLER = "stratus.caller";

    private final GuestCallers callers;
    private final ImdsTokens tokens;

    MetadataRoutes(GuestCallers callers, ImdsTokens tokens) {
        this.callers = callers;
        this.tokens = tokens;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().handler(this::identify);
        router.put("/latest/api/token").handler(this::token);
        router.get().handler(this::read);
        return router;
    }

    private void identify(RoutingContext ctx) {
        Optional<GuestCaller> caller = callers.find(ctx.request().getHeader(MetadataProxy.NETWORK_HEADER),
                ctx.request().getHeader("X-Forwarded-For"));
        if (caller.isEmpty()) {
            send(ctx, Answer.NOT_FOUND);
            return;
        }
        ctx.put(CALLER, caller.get());
        ctx.next();
    }

    private void token(RoutingContext ctx) {
        GuestCaller caller = ctx.get(CALLER);
        if (!"0".equals(ctx.request().getHeader(MetadataProxy.GUEST_FORWARDED_HEADER))) {
            send(ctx, Answer.text(403, "Forbidden")); // EC2: a token request that went through a proxy is refused
            return;
        }
        int ttl;
        try {
            ttl = Integer.parseInt(String.valueOf(ctx.request().getHeader(TOKEN_TTL)).strip());
        } catch (NumberFormatException e) {
            ttl = 0;
        }
        if (ttl < 1 || ttl > ImdsTokens.MAX_TTL_SECONDS) {
            send(ctx, Answer.text(400, "Bad Request: " + TOKEN_TTL + " must be 1 to " + ImdsTokens.MAX_TTL_SECONDS));
            return;
        }
        ctx.response().putHeader(TOKEN_TTL, String.valueOf(ttl));
        send(ctx, Answer.ok(tokens.issue(caller.instanceId(), ttl)));
    }

    private void read(RoutingContext ctx) {
        GuestCaller caller = ctx.get(CALLER);
        String token = ctx.request().getHeader(TOKEN);
        if (token != null && !tokens.valid(token, caller.instanceId())) {
            send(ctx, Answer.text(401, "Unauthorized"));
            return;
        }
        send(ctx, answer(caller, ctx.normalizedPath()));
    }

    static Answer answer(GuestCaller caller, String requestPath) {
        String path = requestPath.replaceAll("^/+|/+$", "");
        if (path.isEmpty()) {
            return Answer.listing(Ec2Layout.VERSIONS);
        }
        String first = path.split("/", 2)[0];
        if (first.equals(OpenStackLayout.ROOT)) {
            return OpenStackLayout.get(caller, path);
        }
        return Ec2Layout.VERSIONS.contains(first) ? Ec2Layout.get(caller, path) : Answer.NOT_FOUND;
    }

    private static void send(RoutingContext ctx, Answer answer) {
        ctx.response().setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType())
                .end(io.vertx.core.buffer.Buffer.buffer(answer.body()));
    }
}
