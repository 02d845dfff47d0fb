package dev.stratus.agent.metadata;

import dev.stratus.contracts.PortBinding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stands for a guest without a VM: a namespace {@code mdg-<8 hex>} whose {@code eth0} is one end of a veth pair, the
 * other end named as the port's tap ({@code tap<11 hex>}) and plugged into the network's bridge, as libvirt plugs a
 * guest's NIC; {@code eth0} has the port's MAC and address and a route to the metadata service via the network's DHCP
 * server address (what the config drive and DHCP option 121 tell a guest).
 */
final class GuestNamespace implements AutoCloseable {
    final String name;
    final PortBinding port;

    private GuestNamespace(String name, PortBinding port) {
        this.name = name;
        this.port = port;
    }

    /** Plugs a guest with {@code port} into its network's bridge (which must exist). */
    static GuestNamespace plug(PortBinding port) {
        String hex = port.portId().replace("-", "");
        GuestNamespace guest = new GuestNamespace("mdg-" + hex.substring(0, 8), port);
        String tap = "tap" + hex.substring(0, 11);
        String bridge = "brq" + port.networkId().replace("-", "").substring(0, 11);
        String prefix = port.cidr().substring(port.cidr().indexOf('/'));
        run("ip", "netns", "add", guest.name);
        run("ip", "link", "add", tap, "type", "veth", "peer", "name", "eth0", "netns", guest.name);
        run("ip", "link", "set", tap, "master", bridge, "up");
        guest.in("ip", "link", "set", "lo", "up");
        guest.in("ip", "link", "set", "eth0", "address", port.macAddress(), "up");
        guest.in("ip", "addr", "add", port.ipAddress() + prefix, "dev", "eth0");
        guest.in("ip", "route", "add", "169.254.169.254/32", "via", port.dhcpServerIp());
        return guest;
    }

    /** Runs a command in the guest; fails unless it exits 0. Returns its output. */
    String in(String... command) {
        return run(inNamespace(command));
    }

    /** Runs a command in the guest and returns its exit code and output, whatever they are. */
    Result tryIn(String... command) {
        return exec(inNamespace(command));
    }

    /**
     * {@code curl} from the guest to the metadata service: the status code after the body, on a line of its own
     * ({@code 000} when nothing answered within 3 s).
     */
    Result curl(String path, String... options) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-m", "3", "-w", "\n%{http_code}"));
        command.addAll(List.of(options));
        command.add("http://169.254.169.254" + path);
        return exec(inNamespace(command.toArray(String[]::new)));
    }

    /**
     * What busybox's DHCP client gets from the network, asking for classless static routes as cloud images do: a line
     * {@code bound ip=... router=... staticroutes=...}.
     */
    String dhcpLease() throws IOException {
        java.nio.file.Path script = java.nio.file.Files.createTempFile("udhcpc", ".sh");
        try {
            java.nio.file.Files.writeString(script,
                    "#!/bin/sh\necho \"$1 ip=$ip router=$router staticroutes=$staticroutes\"\n");
            script.toFile().setExecutable(true);
            return in("busybox", "udhcpc", "-i", "eth0", "-n", "-q", "-f", "-t", "5", "-T", "1", "-O", "staticroutes",
                    "-s", script.toString());
        } finally {
            java.nio.file.Files.delete(script);
        }
    }

    private List<String> inNamespace(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    @Override
    public void close() {
        exec(List.of("ip", "netns", "del", name)); // takes eth0 and, with it, the tap end
    }

    /** Exit code and output; for curl, {@link #status} and {@link #body}. */
    record Result(int code, String output) {
        int status() {
            return Integer.parseInt(output.substring(output.lastIndexOf('\n') + 1).strip());
        }

        String body() {
            return output.substring(0, output.lastIndexOf('\n'));
        }
    }

    static String run(String... command) {
        return run(List.of(command));
    }

    static String run(List<String> command) {
        Result result = exec(command);
        if (result.code() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + result.code() + "): " + result.output());
        }
        return result.output();
    }

    static Result exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
