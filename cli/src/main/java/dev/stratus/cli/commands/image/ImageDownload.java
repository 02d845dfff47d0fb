package dev.stratus.cli.commands.image;

import dev.stratus.cli.CliFailure;
import dev.stratus.cli.api.Problems;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.cli.transfer.Checksums;
import dev.stratus.cli.transfer.MeteredInputStream;
import dev.stratus.cli.transfer.ProgressBar;
import dev.stratus.client.api.ImagesApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

@Command(name = "download", description = {"Download an image's data to a file, with a progress bar on stderr; "
        + "the SHA-256 is checked against image-service's X-Image-Sha256 before the file is put in place."})
final class ImageDownload extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "The image's name or id.")
    String image;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Where to write it "
            + "(- for stdout).")
    String file;

    @Override
    public Integer call() throws Exception {
        ImagesApi api = api(ImagesApi::new);
        ImageStates states = new ImageStates(api, session().mapper());
        String id = states.id(image);
        com.fasterxml.jackson.databind.JsonNode view = states.read(id);
        // streamed through the generated client's HTTP client and settings: its downloadImageFile reads the
        // whole answer before returning, which gives no progress and holds a large image in a temporary file
        HttpRequest request = HttpRequest.newBuilder(URI.create(session().url() + "/v1/images/" + id + "/file"))
                .header("Authorization", "Bearer " + session().token()).GET().build();
        HttpResponse<InputStream> response = session().client().getHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw CliFailure.api(Problems.line(response.statusCode(), body));
        }
        // what image-service answers, else what the image says (a proxy may stream it chunked)
        long size = response.headers().firstValueAsLong("Content-Length")
                .orElse(view == null ? -1 : view.path("size").asLong(-1));
        String expected = response.headers().firstValue("X-Image-Sha256")
                .orElse(view == null || view.path("os_hash_value").asText("").isEmpty() ? null
                        : view.path("os_hash_value").asText());
        Checksums sums = new Checksums();
        ProgressBar bar = new ProgressBar("download " + image, size, err(), environment().stderrTerminal(),
                environment().ticker());
        boolean toStdout = file.equals("-");
        Path target = toStdout ? null : Path.of(file).toAbsolutePath();
        Path partial = toStdout ? null : target.resolveSibling("." + target.getFileName() + ".part");
        try (InputStream in = new MeteredInputStream(response.body(), sums, bar);
             OutputStream out = toStdout ? new KeptOpen(environment().out()) : Files.newOutputStream(partial)) {
            in.transferTo(out);
            out.flush();
        } catch (java.io.IOException e) {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
            throw CliFailure.api("download of image " + id + " failed: " + e.getMessage());
        } finally {
            bar.finish();
        }
        if (expected != null && !expected.equalsIgnoreCase(sums.sha256())) {
            if (partial != null) {
                Files.deleteIfExists(partial);
            }
            throw CliFailure.api("checksum mismatch: received sha256 " + sums.sha256() + ", image-service says "
                    + expected);
        }
        if (!toStdout) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        err().println((expected == null ? "no checksum to compare with (image-service gave none): sha256 "
                : "checksum verified: sha256 ") + sums.sha256() + (toStdout ? "" : " → " + target));
        return 0;
    }

    /** stdout, flushed but not closed by the try block (later messages still need it). */
    private static final class KeptOpen extends java.io.FilterOutputStream {
        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
