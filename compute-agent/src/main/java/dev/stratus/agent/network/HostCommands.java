package dev.stratus.agent.network;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host tools ({@code ip}, {@code iptables-restore}, {@code dnsmasq}) from argument lists, never a shell. */
@Singleton
public class HostCommands {

    /** Runs the command; throws with its output when it fails. Returns its output. */
    public String run(List<String> command) {
        return run(command, null);
    }

    /** Runs the command with {@code stdin} as its input (may be null). */
    public String run(List<String> command, String stdin) {
        Result result = tryRun(command, stdin);
        if (result.exitCode() != 0) {
            throw new DataplaneException(String.join(" ", command) + " failed (" + result.exitCode() + "): "
                    + result.output().strip());
        }
        return result.output();
    }

    /** Runs the command and returns its exit code and output, whatever they are. */
    public Result tryRun(List<String> command, String stdin) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DataplaneException(String.join(" ", command) + " did not finish in 30 s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DataplaneException("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataplaneException("interrupted while running " + command.get(0));
        }
    }

    /** Exit code and combined stdout/stderr of a command. */
    public record Result(int exitCode, String output) {
    }
}
