package dev.stratus.agent.guest;

import dev.stratus.agent.instance.InstanceFilesException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Writes an ISO 9660 image labelled {@value #LABEL} with Debian's {@code genisoimage}, as Nova builds its config
 * drives: Rock Ridge ({@code -r}) and Joliet ({@code -J}) extensions, so that file names keep their case and
 * underscores ({@code meta_data.json}) whichever reader mounts it.
 */
@Singleton
public class IsoImage {
    public static final String LABEL = "config-2";
    static final String TOOL = "genisoimage";
    private static final long TIMEOUT_SECONDS = 60;

    /**
     * Writes {@code files} (by their path under the image's root) into the image {@code target}, replacing it in one
     * step; a staging directory and a partial image beside it are removed whatever happens.
     */
    public void write(Map<String, byte[]> files, Path target) throws IOException {
        Path staging = target.resolveSibling(target.getFileName() + ".d");
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            delete(staging);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = staging.resolve(file.getKey()).normalize();
                if (!path.startsWith(staging)) {
                    throw new IllegalArgumentException("not a path inside the image: " + file.getKey());
                }
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
            Files.deleteIfExists(partial);
            run(List.of(TOOL, "-o", partial.toString(), "-quiet", "-V", LABEL, "-publisher", "Stratus", "-r", "-J",
                    "-l", "-ldots", "-allow-lowercase", "-allow-multidot", staging.toString()));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            delete(staging);
            Files.deleteIfExists(partial);
        }
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (var out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new InstanceFilesException(TOOL + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new InstanceFilesException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "): " + output);
            }
        } catch (IOException e) {
            throw new InstanceFilesException("cannot run " + TOOL + " (apt-get install genisoimage): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstanceFilesException("interrupted while running " + TOOL, e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
