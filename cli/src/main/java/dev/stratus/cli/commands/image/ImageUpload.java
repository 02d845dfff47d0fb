package dev.stratus.cli.commands.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.cli.CliFailure;
import dev.stratus.cli.WaitOptions;
import dev.stratus.cli.api.Problems;
import dev.stratus.cli.commands.ApiCommand;
import dev.stratus.cli.transfer.Checksums;
import dev.stratus.cli.transfer.MeteredInputStream;
import dev.stratus.cli.transfer.ProgressBar;
import dev.stratus.client.ApiException;
import dev.stratus.client.api.ImagesApi;
import dev.stratus.client.model.CreateImageRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "upload", description = {"Register an image and upload its data, with a progress bar on stderr "
        + "(bytes, rate, ETA). The SHA-256 and MD5 computed while sending are checked against what image-service "
        + "recorded; a failed upload deletes the image it registered."})
final class ImageUpload extends ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The image file.")
    Path file;
    @Option(names = "--name", description = "The image's name (default: the file's name without extension).")
    String name;
    @Option(names = "--disk-format", description = "qcow2, raw, iso, aki, ari, vmdk (default: from the file's "
            + "extension: .qcow2, .iso, .vmdk, else raw).")
    String diskFormat;
    @Option(names = "--container-format", defaultValue = "bare", description = "bare (default), ami, aki or ari.")
    String containerFormat;
    @Option(names = "--visibility", description = "private (default), shared or public (administrators).")
    String visibility;
    @Option(names = "--min-disk", paramLabel = "GB", description = "The smallest disk it boots on.")
    Integer minDisk;
    @Option(names = "--min-ram", paramLabel = "MB", description = "The least RAM it boots with.")
    Integer minRam;
    @Option(names = "--property", paramLabel = "KEY=VALUE", description = "A property (repeatable), e.g. "
            + "os_admin_user=debian, kernel_id=<image>.")
    Map<String, String> properties = new LinkedHashMap<>();
    @Option(names = "--tag", description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--protected", description = "Refuse deletes until unprotected.")
    boolean protect;
    @Option(names = "--sha256", paramLabel = "HEX", description = "The SHA-256 the data must have (from its "
            + "publisher): image-service refuses other data.")
    String sha256;
    @Option(names = "--image", paramLabel = "IMAGE", description = "Upload into this registered (queued) image "
            + "instead of registering a new one.")
    String existing;

    @Mixin
    WaitOptions wait;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw CliFailure.usage("no such file: " + file);
        }
        ImagesApi api = api(ImagesApi::new);
        ImageStates states = new ImageStates(api, session().mapper());
        String id = existing != null ? states.id(existing) : String.valueOf(register(api));
        long size = Files.size(file);
        Checksums sums = new Checksums();
        ProgressBar bar = new ProgressBar("upload " + file.getFileName(), size, err(),
                environment().stderrTerminal(), environment().ticker());
        HttpRequest.BodyPublisher metered = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> open(sums, bar)), size);
        try {
            // the generated call, its body replaced by the metered stream (a File body would give no progress)
            new ImagesApi(session().withRequest(request -> request.method("PUT", metered)))
                    .uploadImageFile(id, file.toFile(), null, sha256);
        } catch (ApiException e) {
            bar.finish();
            throw new CliFailure(1, Problems.line(e, session().url()) + cleanUp(api, id));
        }
        bar.finish();
        JsonNode image = states.read(id);
        try {
            verify(image, sums);
        } catch (CliFailure e) {
            throw new CliFailure(e.exitCode(), e.getMessage() + cleanUp(api, id));
        }
        if (wait.wait && !"active".equals(image.path("status").asText())) {
            image = states.watch("image " + image.path("name").asText(), id, wait, err(), environment().ticker())
                    .until(ImageStates.ACTIVE);
        }
        out().show(image);
        return 0;
    }

    private Object register(ImagesApi api) throws ApiException {
        Map<String, Object> body = new LinkedHashMap<>();
        String fileName = file.getFileName().toString();
        body.put("name", name != null ? name : fileName.contains(".")
                ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName);
        body.put("disk_format", diskFormat != null ? diskFormat : guessFormat(fileName));
        body.put("container_format", containerFormat);
        if (visibility != null) {
            body.put("visibility", visibility);
        }
        if (minDisk != null) {
            body.put("min_disk", minDisk);
        }
        if (minRam != null) {
            body.put("min_ram", minRam);
        }
        if (!properties.isEmpty()) {
            body.put("properties", properties);
        }
        if (!tags.isEmpty()) {
            body.put("tags", tags);
        }
        if (protect) {
            body.put("protected", true);
        }
        CreateImageRequest request = session().mapper().convertValue(body, CreateImageRequest.class);
        return api.createImage(request, idempotencyKey()).getId();
    }

    static String guessFormat(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String format : List.of("qcow2", "iso", "vmdk", "aki", "ari")) {
            if (lower.endsWith("." + format)) {
                return format;
            }
        }
        return "raw";
    }

    private MeteredInputStream open(Checksums sums, ProgressBar bar) {
        try {
            return new MeteredInputStream(Files.newInputStream(file), sums, bar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data image-service recorded must be the data sent: both checksums, as sent. */
    private void verify(JsonNode image, Checksums sums) {
        String recorded = image.path("os_hash_value").asText("");
        String md5 = image.path("checksum").asText("");
        if (!recorded.equalsIgnoreCase(sums.sha256()) || (!md5.isEmpty() && !md5.equalsIgnoreCase(sums.md5()))) {
            throw CliFailure.api("checksum mismatch: sent sha256 " + sums.sha256() + ", image "
                    + image.path("id").asText() + " has " + (recorded.isEmpty() ? "none" : recorded));
        }
        err().println("checksum verified: sha256 " + sums.sha256());
    }

    /** A failed upload leaves no image behind when this command registered it. */
    private String cleanUp(ImagesApi api, String id) {
        if (existing != null) {
            return "";
        }
        try {
            api.deleteImage(id);
            return " (the image " + id + " registered for it was deleted)";
        } catch (ApiException e) {
            return " (the image " + id + " registered for it is left: " + Problems.line(e, "the API") + ")";
        }
    }
}
