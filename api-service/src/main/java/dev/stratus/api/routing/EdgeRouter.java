package dev.stratus.api.routing;

import dev.stratus.api.config.ApiConfig;
import dev.stratus.platform.events.EventCodec;
import dev.stratus.platform.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Set;

/**
 * One public base URL: forwards the native routes of image-service and network-service, streaming both ways
 * (an image upload is piped through with back-pressure, never buffered whole). On Kubernetes an Ingress does
 * this instead and {@code stratus.api.edge-routing=false}.
 */
@ApplicationScoped
public class EdgeRouter {
    static final String IMAGE_ROUTES = "/v1/images(/.*)?";
    static final String NETWORK_ROUTES =
            "/v1/(networks|subnets|ports|security-groups|security-group-rules|routers|floating-ips)(/.*)?";
    private static final Logger LOG = Logger.getLogger(EdgeRouter.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    @Inject
    ApiConfig config;
    @Inject
    Vertx vertx;

    private HttpClient client;

    void register(@Observes Router router) {
        if (!config.edgeRouting()) {
            return;
        }
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
        URI images = URI.create(config.imageServiceUrl());
        URI networks = URI.create(config.networkServiceUrl());
        router.routeWithRegex(IMAGE_ROUTES).order(-100).handler(ctx -> forward(ctx, images));
        router.routeWithRegex(NETWORK_ROUTES).order(-100).handler(ctx -> forward(ctx, networks));
    }

    private void forward(RoutingContext ctx, URI target) {
        HttpServerRequest in = ctx.request();
        in.pause();
        RequestOptions options = new RequestOptions().setMethod(in.method()).setHost(target.getHost())
                .setPort(target.getPort()).setURI(in.uri());
        copyHeaders(in.headers(), options.getHeaders() == null ? setHeaders(options) : options.getHeaders());
        client.request(options)
                .compose(out -> out.send(in))
                .onSuccess(upstream -> relay(upstream, ctx.response()))
                .onFailure(e -> fail(ctx, target, e));
    }

    private static MultiMap setHeaders(RequestOptions options) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        options.setHeaders(headers);
        return headers;
    }

    private static void relay(HttpClientResponse upstream, HttpServerResponse response) {
        response.setStatusCode(upstream.statusCode());
        copyHeaders(upstream.headers(), response.headers());
        if (!response.headers().contains("Content-Length")) {
            response.setChunked(true);
        }
        upstream.pipeTo(response);
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        from.forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                to.add(h.getKey(), h.getValue());
            }
        });
    }

    private static void fail(RoutingContext ctx, URI target, Throwable e) {
        LOG.warnf("edge route to %s failed: %s", target, e.toString());
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(502).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(EventCodec.encodeToString(Problem.of(502, "Bad Gateway",
                        "the service behind " + ctx.request().path() + " (" + target + ") is unreachable", null)));
    }
}
