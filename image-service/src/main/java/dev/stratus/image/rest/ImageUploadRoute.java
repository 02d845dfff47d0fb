package dev.stratus.image.rest;

import dev.stratus.image.service.ExpectedChecksums;
import dev.stratus.image.service.ImageUpload;
import dev.stratus.image.store.StagedUpload;
import dev.stratus.image.store.UploadInterruptedException;
import dev.stratus.platform.problem.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.util.UUID;

/**
 * {@code PUT /v1/images/{id}/file} as a Vert.x route rather than a JAX-RS method, so the body never crosses the
 * blocking InputStream bridge of Quarkus REST (small chunks, a worker waiting on the event loop; ~270 MB/s). The
 * event loop hands each received buffer to a {@link StagedUpload}, whose three threads write the temporary file
 * and compute SHA-256 and MD5 in parallel; when they fall 16 MiB behind the request is paused until they catch
 * up. Authentication, access (via {@link ImageUpload}), status transitions, the 413 size and quota caps, the
 * declared checksums, qemu-img validation and every problem+json answer are those of the JAX-RS version.
 * The route runs after Quarkus's HTTP security filters and before Quarkus REST (which serves the other methods of
 * this path); the published OpenAPI describes it from {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class ImageUploadRoute {
    static final String PATH = "/v1/images/:id/file";

    private final ImageUpload upload;
    private final RouteCalls calls;

    public ImageUploadRoute(ImageUpload upload, RouteCalls calls) {
        this.upload = upload;
        this.calls = calls;
    }

    void register(@Observes Router router) {
        router.put(PATH).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        request.pause();
        Context context = rc.vertx().getOrCreateContext();
        calls.authenticate(rc).subscribe().with(
                identity -> context.runOnContext(v -> start(rc, identity)),
                failure -> context.runOnContext(v -> refuse(rc, failure)));
    }

    private void start(RoutingContext rc, SecurityIdentity identity) {
        HttpServerRequest request = rc.request();
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && !type.toLowerCase().startsWith("application/octet-stream")) {
            refuse(rc, new ApiException(415, "Unsupported Media Type", "image data is sent as "
                    + "application/octet-stream, not " + type, null));
            return;
        }
        String id = rc.pathParam("id");
        String sha256 = request.getHeader(ExpectedChecksums.SHA256_HEADER);
        String md5 = request.getHeader(ExpectedChecksums.MD5_HEADER);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        calls.blocking(rc, identity, () -> {
            ExpectedChecksums expected = ExpectedChecksums.of(sha256, md5);
            return new Upload(expected, upload.begin(ImageIds.parse(id), declaredLength(length)));
        }).onSuccess(started -> stream(rc, identity, started)).onFailure(failure -> refuse(rc, failure));
    }

    /** Feeds the body to the staged file; pauses while the consumers are behind. Event loop only. */
    private void stream(RoutingContext rc, SecurityIdentity identity, Upload started) {
        HttpServerRequest request = rc.request();
        Context context = rc.vertx().getOrCreateContext();
        StagedUpload staged = started.begun().staged();
        UUID id = started.begun().image().id;
        request.handler(buffer -> {
            if (started.done) {
                return;
            }
            try {
                staged.write(buffer.getByteBuf().nioBuffer());
            } catch (IOException e) {
                stop(rc, identity, started, e);
                return;
            }
            if (staged.saturated()) {
                request.pause();
                staged.whenDrained(() -> context.runOnContext(v -> request.resume()));
            }
        });
        request.exceptionHandler(e -> stop(rc, identity, started, new UploadInterruptedException(
                e instanceof IOException io ? io : new IOException(String.valueOf(e.getMessage()), e))));
        request.endHandler(v -> {
            if (started.done) {
                return;
            }
            started.done = true;
            Future.fromCompletionStage(staged.finish(), context)
                    .compose(received -> calls.blocking(rc, identity,
                            () -> ImageView.of(upload.complete(started.begun().image(), received, started.expected))),
                            failure -> {
                                staged.abort();
                                return calls.blocking(rc, identity, () -> {
                                    throw upload.failed(id, failure);
                                });
                            })
                    .onSuccess(view -> calls.json(rc, 200, view))
                    .onFailure(failure -> calls.problem(rc, failure));
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            rc.response().writeContinue();
        }
        request.resume();
    }

    /** The stream cannot go on: drop the staged file, kill the image, answer, and discard what the client still sends. */
    private void stop(RoutingContext rc, SecurityIdentity identity, Upload started, Throwable cause) {
        if (started.done) {
            return;
        }
        started.done = true;
        started.begun().staged().abort();
        discardBody(rc);
        calls.blocking(rc, identity, () -> {
            throw upload.failed(started.begun().image().id, cause);
        }).onFailure(failure -> calls.problem(rc, failure));
    }

    /** Answers a request whose body was never read. */
    private void refuse(RoutingContext rc, Throwable failure) {
        discardBody(rc);
        calls.problem(rc, failure);
    }

    /** Reads and drops the rest of the body, so the connection stays usable. */
    private static void discardBody(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!request.isEnded()) {
            request.handler((Buffer ignored) -> { });
            request.resume();
        }
    }

    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length", "Content-Length must be a number of bytes");
        }
    }

    /** One upload's state on the event loop. */
    private static final class Upload {
        private final ExpectedChecksums expected;
        private final ImageUpload.Started begun;
        boolean done;

        Upload(ExpectedChecksums expected, ImageUpload.Started begun) {
            this.expected = expected;
            this.begun = begun;
        }

        ImageUpload.Started begun() {
            return begun;
        }
    }
}
