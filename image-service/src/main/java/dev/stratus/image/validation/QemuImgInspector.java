package dev.stratus.image.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.image.config.ImageServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code qemu-img info --output=json} on uploaded data, letting qemu-img probe the format (never trusting the
 * declared one). Like Glance, it runs qemu-img under {@code prlimit} (1 GiB address space, 30 s CPU) since a
 * crafted image is hostile input; {@code info} never opens a backing or data file, it only names them.
 */
@ApplicationScoped
public class QemuImgInspector {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ISO_DESCRIPTOR = 0x8001;
    private static final String PRLIMIT = "/usr/bin/prlimit";

    private final ImageServiceConfig config;

    public QemuImgInspector(ImageServiceConfig config) {
        this.config = config;
    }

    /** @throws InspectionException when qemu-img cannot read the data at all */
    public DiskInspection inspect(Path file) {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of(PRLIMIT))) {
            command.addAll(List.of(PRLIMIT, "--as=1073741824", "--cpu=30"));
        }
        command.addAll(List.of(config.qemuImg(), "info", "--output=json", file.toString()));
        JsonNode info = run(command);
        List<String> extents = new ArrayList<>();
        info.path("format-specific").path("data").path("extents")
                .forEach(e -> extents.add(e.path("filename").asText(null)));
        String dataFile = text(info.path("format-specific").path("data").get("data-file"));
        return new DiskInspection(info.path("format").asText(), info.path("virtual-size").asLong(),
                text(info.get("backing-filename")), dataFile, extents, hasIsoDescriptor(file));
    }

    private JsonNode run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out;
            byte[] err;
            try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
                out = stdout.readNBytes(1 << 20);
                err = stderr.readNBytes(64 * 1024);
            }
            if (!process.waitFor(config.inspectionTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InspectionException("qemu-img info did not finish in " + config.inspectionTimeout());
            }
            if (process.exitValue() != 0) {
                throw new InspectionException("qemu-img cannot read the data: "
                        + new String(err, StandardCharsets.UTF_8).trim());
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run qemu-img: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while inspecting an image", e);
        }
    }

    private static boolean hasIsoDescriptor(Path file) {
        try (var channel = Files.newByteChannel(file)) {
            if (channel.size() < ISO_DESCRIPTOR + 5) {
                return false;
            }
            channel.position(ISO_DESCRIPTOR);
            var buffer = java.nio.ByteBuffer.allocate(5);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // fill
            }
            return "CD001".equals(new String(buffer.array(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return false;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
