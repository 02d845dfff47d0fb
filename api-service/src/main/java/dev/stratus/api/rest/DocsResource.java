package dev.stratus.api.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The API reference at {@code /docs} (public, no token): Redoc renders {@code openapi/stratus.yaml}, the document
 * the build copies into this service's classpath, in the browser with its standalone bundle from the
 * {@code org.webjars.npm:redoc} jar (the npm package as Maven Central serves it). Nothing is fetched from elsewhere
 * when the page loads, and nothing but Maven builds it.
 */
@Path("/docs")
@PermitAll
public class DocsResource {
    static final String DOCUMENT = "docs/stratus.yaml";
    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Stratus API reference</title>
              <style>body { margin: 0; padding: 0; }</style>
            </head>
            <body>
              <redoc spec-url="/docs/stratus.yaml" hide-download-button="false" path-in-middle-panel="true"></redoc>
              <script src="/docs/redoc.standalone.js"></script>
            </body>
            </html>
            """;

    @GET
    @Produces("text/html; charset=utf-8")
    @Operation(hidden = true)
    public String page() {
        return PAGE;
    }

    /** The public OpenAPI document, as published in {@code openapi/stratus.yaml}. */
    @GET
    @Path("/stratus.yaml")
    @Produces("application/yaml")
    @Operation(hidden = true)
    public Response document() {
        return Response.ok(resource(DOCUMENT)).build();
    }

    @GET
    @Path("/redoc.standalone.js")
    @Produces("text/javascript; charset=utf-8")
    @Operation(hidden = true)
    public Response redoc() {
        return Response.ok(resource("META-INF/resources/webjars/redoc/" + RedocVersion.VALUE
                + "/bundles/redoc.standalone.js")).header("Cache-Control", "public, max-age=86400").build();
    }

    private static InputStream resource(String name) {
        InputStream in = DocsResource.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new NotFoundException(name + " is not in this build");
        }
        return in;
    }

    /** The version of the Redoc jar on the classpath, from its Maven metadata. */
    private static final class RedocVersion {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = resource("META-INF/maven/org.webjars.npm/redoc/pom.properties")) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
