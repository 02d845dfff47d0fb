package dev.stratus.agent.network;

import dev.stratus.agent.guest.OpenStackMetadata;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metadata proxy of one network (Neutron's "isolated metadata"): Debian's haproxy in the network's {@code qdhcp-}
 * namespace, listening on {@value OpenStackMetadata#METADATA_ADDRESS}:80 (an address of the namespace's interface),
 * forwarding every request over the agent's unix socket ({@code dev.stratus.agent.metadata.MetadataServer}) with
 * headers saying who asks: {@value #NETWORK_HEADER} (this network) and {@code X-Forwarded-For} (the connection's
 * source address); what the guest sent under those names is replaced, and {@value #GUEST_FORWARDED_HEADER} says how
 * many {@code X-Forwarded-For} headers it sent (EC2 refuses a token request that went through a proxy). Its config
 * and pid file live in the network's directory; a config that changed is reloaded ({@code -sf}, no dropped
 * request), a proxy that is gone is started again.
 */
public final class MetadataProxy {
    public static final String NETWORK_HEADER = "X-Stratus-Network-Id";
    public static final String GUEST_FORWARDED_HEADER = "X-Stratus-Guest-Forwarded-For-Count";
    private static final Logger LOG = Logger.getLogger(MetadataProxy.class);

    private final HostCommands host;
    private final Path socket;

    MetadataProxy(HostCommands host, Path socket) {
        this.host = host;
        this.socket = socket;
    }

    /** Starts the network's proxy if it is not running, reloads it if its config changed. */
    void ensure(String networkId, Path dir) {
        Path configFile = dir.resolve("haproxy.cfg");
        Path pidFile = dir.resolve("haproxy.pid");
        boolean changed = write(configFile, config(networkId, pidFile, socket));
        Optional<ProcessHandle> running = new DaemonPid(pidFile, "haproxy").running();
        if (running.isPresent() && !changed) {
            return;
        }
        String ns = DeviceNames.namespace(networkId);
        host.run(List.of("ip", "-n", ns, "addr", "replace", OpenStackMetadata.METADATA_ADDRESS + "/32", "dev",
                DeviceNames.vethInNamespace(networkId)));
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "haproxy", "-f",
                configFile.toString()));
        running.ifPresent(p -> command.addAll(List.of("-sf", String.valueOf(p.pid()))));
        host.run(command);
        LOG.infof("metadata proxy of network %s %s in namespace %s", networkId,
                running.isPresent() ? "reloaded" : "started", ns);
    }

    /** Stops the network's proxy, and any other haproxy of its config (and waits until they are gone). */
    void stop(Path dir) {
        new DaemonPid(dir.resolve("haproxy.pid"), "haproxy").stop();
        DaemonPid.stopAll("haproxy", dir);
    }

    /** haproxy's configuration for the network {@code networkId}. */
    static String config(String networkId, Path pidFile, Path socket) {
        DeviceNames.prefix(networkId); // a UUID, nothing else, goes into the file
        return String.join("\n",
                "# the metadata proxy of network " + networkId + ", written by the Stratus compute agent",
                "global",
                "    daemon",
                "    pidfile " + safe(pidFile),
                "    maxconn 256",
                "defaults",
                "    mode http",
                "    timeout connect 5s",
                "    timeout client 30s",
                "    timeout server 30s",
                "    timeout http-request 10s",
                "    timeout http-keep-alive 10s",
                "listen metadata",
                "    bind " + OpenStackMetadata.METADATA_ADDRESS + ":80",
                "    http-request set-header " + GUEST_FORWARDED_HEADER + " %[req.hdr_cnt(x-forwarded-for)]",
                "    http-request set-header X-Forwarded-For %[src]",
                "    http-request set-header " + NETWORK_HEADER + " " + networkId,
                "    server agent unix@" + safe(socket),
                "");
    }

    /** An absolute path with nothing in it haproxy's config syntax would read otherwise. */
    private static String safe(Path path) {
        String text = path.toAbsolutePath().normalize().toString();
        if (!text.matches("[A-Za-z0-9._/+-]+")) {
            throw new IllegalArgumentException("path unusable in the metadata proxy's config: " + text);
        }
        return text;
    }

    private static boolean write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.readString(file).equals(content)) {
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
