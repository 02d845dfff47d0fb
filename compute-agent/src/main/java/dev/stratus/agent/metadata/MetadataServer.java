package dev.stratus.agent.metadata;

import dev.stratus.agent.config.MetadataSocket;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * Serves the metadata service on the agent's unix socket ({@link MetadataSocket}), for the networks' metadata proxies
 * only: the socket is root's alone (mode 0600), and nothing of it is on the agent's TCP port, so the headers naming
 * the caller can only come from a proxy. A Vert.x HTTP server on Quarkus's own Vert.x instance, through the native
 * epoll transport ({@code quarkus.vertx.prefer-native-transport}), which unix sockets need. A socket file left by a
 * previous run is replaced; the proxies keep running across an agent restart and reach the new socket.
 */
@Singleton
public class MetadataServer {
    private static final Logger LOG = Logger.getLogger(MetadataServer.class);

    private final Vertx vertx;
    private final MetadataRoutes routes;
    private final Path socket;
    private HttpServer server;

    MetadataServer(Vertx vertx, MetadataRoutes routes, MetadataSocket socket) {
        this.vertx = vertx;
        this.routes = routes;
        this.socket = socket.path();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            start();
        } catch (RuntimeException e) { // the agent still builds instances; guests get 503 from their proxies
            LOG.errorf("metadata service unavailable: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Listens on the socket (replacing a stale socket file); does nothing if already listening. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (!vertx.isNativeTransportEnabled()) {
            throw new IllegalStateException("a unix socket needs Vert.x's native transport, which is not enabled ("
                    + vertx.unavailableNativeTransportCause() + ")");
        }
        try {
            Files.createDirectories(socket.getParent());
            Files.deleteIfExists(socket);
            HttpServer listening = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(30)
                            .setIdleTimeoutUnit(TimeUnit.SECONDS))
                    .requestHandler(routes.router(vertx))
                    .listen(SocketAddress.domainSocketAddress(socket.toString()))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            server = listening;
            LOG.infof("metadata service listening on %s", socket);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot listen on " + socket + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listening on " + socket);
        }
    }

    /** Stops listening and removes the socket file. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            Files.deleteIfExists(socket);
        } catch (Exception e) {
            LOG.warnf("metadata service did not stop cleanly: %s", e.toString());
        } finally {
            server = null;
        }
    }
}
