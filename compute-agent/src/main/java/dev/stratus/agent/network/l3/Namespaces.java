package dev.stratus.agent.network.l3;

import dev.stratus.agent.network.HostCommands;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Network namespaces through {@code ip}: which exist, their links and IPv4 addresses; create and delete them. */
@Singleton
public class Namespaces {
    private final HostCommands host;

    public Namespaces(HostCommands host) {
        this.host = host;
    }

    public Set<String> list() {
        return host.run(List.of("ip", "netns", "list")).lines().map(l -> l.split(" ")[0])
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** Creates the namespace with its loopback up, unless it exists. */
    public void ensure(String ns) {
        if (!list().contains(ns)) {
            host.run(List.of("ip", "netns", "add", ns));
            host.run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
    }

    public void delete(String ns) {
        if (list().contains(ns)) {
            host.run(List.of("ip", "netns", "del", ns));
        }
    }

    /** Names of the namespace's links ({@code qr-...}, not {@code qr-...@if12}). */
    public Set<String> links(String ns) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : host.run(List.of("ip", "-n", ns, "-o", "link", "show")).lines().toList()) {
            String[] parts = line.split(": ", 3);
            if (parts.length >= 2) {
                names.add(parts[1].split("@")[0].strip());
            }
        }
        return names;
    }

    /** The device's IPv4 addresses with their prefix length, e.g. {@code 172.24.4.10/24}. */
    public Set<String> addresses(String ns, String device) {
        Set<String> addresses = new LinkedHashSet<>();
        for (String line : host.run(List.of("ip", "-n", ns, "-o", "-4", "addr", "show", "dev", device)).lines()
                .toList()) {
            String[] words = line.trim().split("\\s+");
            for (int i = 0; i < words.length - 1; i++) {
                if (words[i].equals("inet")) {
                    addresses.add(words[i + 1]);
                }
            }
        }
        return addresses;
    }

    /** Makes the device hold exactly {@code wanted} (CIDR notation): missing ones added, others removed. */
    public void converge(String ns, String device, Set<String> wanted) {
        Set<String> present = addresses(ns, device);
        for (String address : wanted) {
            if (!present.contains(address)) {
                host.run(List.of("ip", "-n", ns, "addr", "add", address, "dev", device));
            }
        }
        for (String address : present) {
            if (!wanted.contains(address)) {
                host.run(List.of("ip", "-n", ns, "addr", "del", address, "dev", device));
            }
        }
    }

    /** Runs a command inside the namespace. */
    public String exec(String ns, List<String> command, String stdin) {
        List<String> argv = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns));
        argv.addAll(command);
        return host.run(argv, stdin);
    }
}
