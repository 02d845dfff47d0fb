package dev.stratus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole platform, started exactly as a user starts it: {@code ./stratus up}, on its own ports and state
 * directory so it does not collide with a developer's running stack; {@code ./stratus down} at the end.
 */
public final class Stack {
    /** First of seven ports the e2e stack uses; {@code -Dstratus.e2e.port-base} lets parallel runs coexist. */
    public static final int PORT_BASE = Integer.getInteger("stratus.e2e.port-base", 18080);
    public static final int API_PORT = PORT_BASE;
    public static final int SCHEDULER_PORT = PORT_BASE + 1;
    public static final int AGENT_PORT = PORT_BASE + 2;
    public static final int IMAGE_PORT = PORT_BASE + 3;
    public static final int NETWORK_PORT = PORT_BASE + 4;
    /** The compute host's name; one per port base, so parallel stacks' agents keep to their own firewall chains. */
    public static final String HOST = "e2e-host-" + PORT_BASE;
    /** The stack's "outside the cloud" namespace, one per port base as the host name. */
    public static final String EXTERNAL_NAMESPACE = "stratus-ext-e2e-" + PORT_BASE;
    public static final Path ROOT = Path.of(System.getProperty("stratus.root", "..")).toAbsolutePath().normalize();
    public static final Path STATE = ROOT.resolve("e2e/target/stratus-state");

    private static boolean started;

    private Stack() {
    }

    public static synchronized void up() {
        if (started) {
            return;
        }
        run("down", 120); // a stack left over by an interrupted run would be reported as "already running"
        freshState();
        run("up", 900);
        started = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run("down", 120)));
    }

    /**
     * Every run starts from an empty database and broker: servers of an earlier, interrupted run would otherwise
     * still hold their scheduler allocations. The built test images are kept (they are rebuilt when changed).
     */
    private static void freshState() {
        if (!Files.isDirectory(STATE)) {
            return;
        }
        try (var entries = Files.list(STATE)) {
            for (Path entry : entries.filter(e -> !e.getFileName().toString().equals("test-image")).toList()) {
                try (var tree = Files.walk(entry)) {
                    tree.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Where the stack's agent keeps its files: {@code STATE/agent}, or the folder under /var/lib/stratus that
     * {@code ./stratus up} chose when QEMU cannot reach the state directory (it writes the choice to agent.path).
     */
    public static Path agentDir() {
        try {
            return Path.of(Files.readString(STATE.resolve("agent.path")).strip());
        } catch (IOException e) {
            return STATE.resolve("agent");
        }
    }

    /**
     * Starts the stack (once) and points RestAssured at it as the demo project's member; a test's own
     * {@code auth().oauth2(...)} replaces that token rather than adding a second header.
     */
    public static void upAsDemo() {
        up();
        io.restassured.RestAssured.baseURI = url();
        io.restassured.RestAssured.requestSpecification = new io.restassured.builder.RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + token()).build();
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().headerConfig(
                io.restassured.config.HeaderConfig.headerConfig().overwriteHeadersWithName("Authorization"));
    }

    public static String url() {
        return "http://localhost:" + API_PORT;
    }

    /** A value of {@code dev.env} that {@code ./stratus up} wrote (STRATUS_TOKEN, STRATUS_ADMIN_TOKEN, ...). */
    public static String env(String name) {
        try {
            for (String line : Files.readAllLines(STATE.resolve("dev.env"))) {
                if (line.startsWith(name + "=")) {
                    return line.substring(name.length() + 1);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no dev.env in " + STATE, e);
        }
        throw new IllegalStateException(name + " is not in " + STATE.resolve("dev.env"));
    }

    /** The demo project's member token. */
    public static String token() {
        return env("STRATUS_TOKEN");
    }

    /** The cloud administrator's token. */
    public static String adminToken() {
        return env("STRATUS_ADMIN_TOKEN");
    }

    /** {@code ./stratus restart <service>}, or with {@code kill} a SIGKILL first, as a crash would. */
    public static void restart(String service, boolean kill) {
        if (kill) {
            run(120, "restart", service, "--kill");
        } else {
            run(120, "restart", service);
        }
    }

    /** Kills a service (SIGKILL) and leaves it down; {@link #restart} brings it back. */
    public static void kill(String service) {
        signal(service, true);
    }

    /**
     * Stops a service (SIGTERM: it shuts down as it would on a host's shutdown) and leaves it down. PostgreSQL runs
     * as a child server of its process, stopped by the process's shutdown; a SIGKILL would leave it running.
     */
    public static void stop(String service) {
        signal(service, false);
    }

    private static void signal(String service, boolean kill) {
        try {
            long pid = Long.parseLong(Files.readString(STATE.resolve("pids/" + service + ".pid")).strip());
            ProcessHandle.of(pid).ifPresent(p -> {
                if (kill) {
                    p.destroyForcibly();
                } else {
                    p.destroy();
                }
            });
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        } catch (IOException e) {
            throw new IllegalStateException("no pid file of " + service, e);
        }
    }

    static void run(String command, int timeoutSeconds) {
        run(timeoutSeconds, command);
    }

    static void run(int timeoutSeconds, String... args) {
        String command = String.join(" ", args);
        List<String> argv = new java.util.ArrayList<>(List.of(ROOT.resolve("stratus").toString()));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        Map<String, String> env = pb.environment();
        env.put("STRATUS_STATE", STATE.toString());
        env.put("STRATUS_PORT_BASE", String.valueOf(API_PORT));
        env.put("STRATUS_PG_PORT", String.valueOf(PORT_BASE + 5));
        env.put("STRATUS_KAFKA_PORT", String.valueOf(PORT_BASE + 6));
        env.put("STRATUS_HOST", HOST);
        env.put("STRATUS_EXTERNAL_NAMESPACE", EXTERNAL_NAMESPACE); // never the developer's stack's stratus-ext
        env.put("STRATUS_SKIP_BUILD", "1"); // the reactor packaged every service before this module's tests
        env.put("STRATUS_SKIP_DEBIAN_IMAGE", "0"); // the suite boots stratus-debian: never skipped here
        env.put("STRATUS_API_HOST_DOWN_AFTER", "10s"); // FaultsE2ETest: a killed agent's servers turn UNKNOWN sooner
        // FaultsE2ETest boots 10 m1.tiny guests at once on 2 cores: idle busybox guests, so 8 vCPUs per core
        env.put("STRATUS_SCHEDULER_CPU_ALLOCATION_RATIO", "8");
        try {
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("./stratus " + command + " timed out; see " + log());
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("./stratus " + command + " failed (" + p.exitValue() + "):\n"
                        + Files.readString(log()));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path log() {
        try {
            Files.createDirectories(STATE);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return STATE.resolve("stratus-cli.log");
    }
}
