package dev.stratus.agent.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A daemon the agent started in a network's namespace (dnsmasq, haproxy), known by the pid file it writes: running
 * only if that pid is alive and is that program (a pid file left by a crash may name a recycled pid).
 */
final class DaemonPid {
    private final Path pidFile;
    private final String program;

    DaemonPid(Path pidFile, String program) {
        this.pidFile = pidFile;
        this.program = program;
    }

    /** The running daemon, if any. */
    Optional<ProcessHandle> running() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().orElse("").endsWith("/" + program));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The arguments the running daemon was started with (after the program), if it runs and they can be read. */
    Optional<List<String>> arguments() {
        return running().flatMap(p -> p.info().arguments()).map(List::of);
    }

    /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and waits until it is gone. */
    void stop() {
        running().ifPresent(DaemonPid::terminate);
    }

    /**
     * Stops every process of {@code program} whose arguments name {@code dir} (the network's own directory): a
     * daemon its pid file no longer names (a crash between start and pid file, a second start racing the first)
     * is not left behind when its network goes.
     */
    static void stopAll(String program, Path dir) {
        String marker = dir.toAbsolutePath().normalize() + "/";
        ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/" + program))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .forEach(DaemonPid::terminate);
    }

    private static void terminate(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
