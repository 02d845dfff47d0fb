package dev.stratus.agent.image;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.platform.auth.ServiceLogin;
import dev.stratus.platform.problem.ApiException;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads image metadata and bytes from image-service, and uploads snapshots, with the JDK HTTP client. */
public class ImageServiceClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final String baseUrl;
    private final HttpClient http;
    private final ServiceLogin token;

    /** A client that sends no token (image-services that do not check them, tests). */
    public ImageServiceClient(String baseUrl) {
        this(baseUrl, new ServiceLogin("compute-agent", "http://localhost", "", "", Optional.empty(),
                CONNECT_TIMEOUT));
    }

    /** A client that authenticates as the agent's service user (it may read every image and upload snapshots). */
    public ImageServiceClient(String baseUrl, ServiceLogin token) {
        this.token = token;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public ImageMetadata metadata(String imageId) {
        HttpRequest request = HttpRequest.newBuilder(imageUri(imageId, "")).timeout(METADATA_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<byte[]> response = send(imageId, request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return JSON.readValue(response.body(), ImageMetadata.class);
        } catch (IOException e) {
            throw new ImageException("image " + imageId + ": unreadable metadata from image-service", e);
        }
    }

    /** Opens the image's bytes as a stream; the caller closes it. */
    public InputStream open(String imageId) {
        HttpRequest request = HttpRequest.newBuilder(imageUri(imageId, "/file"))
                .header("Accept", "application/octet-stream").GET().build();
        return send(imageId, request, HttpResponse.BodyHandlers.ofInputStream()).body();
    }

    /**
     * Streams {@code file} as the data of the queued image (never whole in memory). Returns false when image-service
     * answers 409: the image has data already, or is no longer queued (a repeated request).
     */
    public boolean upload(String imageId, Path file) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(imageUri(imageId, "/file")).version(HttpClient.Version.HTTP_1_1)
                    .header("Content-Type",
                    "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(file)).build();
        } catch (FileNotFoundException e) {
            throw new ImageException("image " + imageId + ": nothing to upload at " + file, e);
        }
        HttpResponse<String> response;
        try {
            response = http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // image-service may answer (404, 409) before it reads the body and close: the client then sees a broken
            // upload, not the answer; ask for the image to say which it was
            if (missing(imageId)) {
                throw new ImageException("image " + imageId + " does not exist in image-service (the upload was"
                        + " refused: " + e.getMessage() + ")", e);
            }
            throw new ImageException("image " + imageId + ": upload to " + baseUrl + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("image " + imageId + ": interrupted while uploading", e);
        }
        if (response.statusCode() == 409) {
            return false;
        }
        if (response.statusCode() == 404) {
            throw new ImageException("image " + imageId + " does not exist in image-service (404 for the upload)");
        }
        if (response.statusCode() != 200) {
            throw new ImageException("image " + imageId + ": image-service refused the upload ("
                    + response.statusCode() + "): " + response.body());
        }
        return true;
    }

    /** Whether image-service says the image does not exist (404); false when it cannot be asked. */
    private boolean missing(String imageId) {
        try {
            HttpRequest get = HttpRequest.newBuilder(imageUri(imageId, "")).version(HttpClient.Version.HTTP_1_1)
                    .GET().build();
            return http.send(authorized(get), HttpResponse.BodyHandlers.discarding()).statusCode() == 404;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private <T> HttpResponse<T> send(String imageId, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response;
        try {
            response = http.send(authorized(request), handler);
            if (response.statusCode() == 401) {
                token.invalidate();
                response = http.send(authorized(request), handler);
            }
        } catch (IOException e) {
            throw new ImageException("image " + imageId + ": image-service at " + baseUrl + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("image " + imageId + ": interrupted while fetching", e);
        }
        if (response.statusCode() != 200) {
            if (response.body() instanceof InputStream in) {
                closeQuietly(in);
            }
            if (response.statusCode() == 404) {
                throw new ImageException("image " + imageId + " does not exist in image-service (404 for "
                        + request.uri().getPath() + ")");
            }
            throw new ImageException("image " + imageId + ": image-service answered " + response.statusCode()
                    + " for " + request.uri().getPath());
        }
        return response;
    }

    private HttpRequest authorized(HttpRequest request) {
        Optional<String> authorization;
        try {
            authorization = token.authorization();
        } catch (ApiException e) {
            throw new ImageException("no service token for image-service: " + e.getMessage(), e);
        }
        return authorization.map(value -> HttpRequest.newBuilder(request, (name, v) -> true)
                .setHeader("Authorization", value).build()).orElse(request);
    }

    private URI imageUri(String imageId, String suffix) {
        return URI.create(baseUrl + "/v1/images/" + URLEncoder.encode(imageId, StandardCharsets.UTF_8) + suffix);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do: the body was an error anyway
        }
    }
}
