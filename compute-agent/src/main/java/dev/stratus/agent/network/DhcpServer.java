package dev.stratus.agent.network;

import dev.stratus.agent.guest.OpenStackMetadata;
import dev.stratus.contracts.PortBinding;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dnsmasq of one network, in its namespace, with its state in the network's directory ({@code hosts},
 * {@code leases}, {@code pid}). Besides the address it offers the MTU, the gateway, and classless static routes
 * (option 121, and 249 for Windows guests): a host route to the metadata service
 * ({@value OpenStackMetadata#METADATA_ADDRESS}) via the DHCP server's own address, where the network's metadata proxy
 * listens, and the default route via the gateway (a client that takes option 121 ignores option 3, RFC 3442).
 * A dnsmasq started with other arguments (an older agent's) is restarted with these.
 */
final class DhcpServer {
    private static final Logger LOG = Logger.getLogger(DhcpServer.class);

    private final HostCommands host;

    DhcpServer(HostCommands host) {
        this.host = host;
    }

    /** Starts the server, restarts it if its arguments changed, or has it re-read its hosts if they changed. */
    void ensure(PortBinding sample, Path dir, boolean hostsChanged) {
        DaemonPid daemon = daemon(dir);
        List<String> arguments = arguments(sample, dir);
        Optional<ProcessHandle> running = daemon.running();
        if (running.isPresent() && daemon.arguments().map(a -> !a.equals(arguments)).orElse(false)) {
            LOG.infof("DHCP server of network %s runs with other options; restarting it", sample.networkId());
            daemon.stop();
            running = Optional.empty();
        }
        if (running.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec",
                    DeviceNames.namespace(sample.networkId()), "dnsmasq"));
            command.addAll(arguments);
            host.run(command);
            LOG.infof("DHCP server of network %s started in namespace %s", sample.networkId(),
                    DeviceNames.namespace(sample.networkId()));
        } else if (hostsChanged) {
            host.run(List.of("kill", "-HUP", String.valueOf(running.get().pid())));
        }
    }

    /** Stops the server, and any other dnsmasq of this network's directory (and waits until they are gone). */
    void stop(Path dir) {
        daemon(dir).stop();
        DaemonPid.stopAll("dnsmasq", dir);
    }

    /** dnsmasq's arguments for the network of {@code sample}, state in {@code dir}. */
    static List<String> arguments(PortBinding sample, Path dir) {
        String cidr = sample.cidr();
        String network = cidr.substring(0, cidr.indexOf('/'));
        String netmask = OpenStackMetadata.netmask(cidr);
        List<String> arguments = new ArrayList<>(List.of("--no-hosts", "--no-resolv", "--port=0", "--bind-interfaces",
                "--interface=" + DeviceNames.vethInNamespace(sample.networkId()), "--except-interface=lo",
                "--user=root", "--group=root", "--dhcp-range=" + network + ",static," + netmask + ",3600s",
                "--dhcp-hostsfile=" + dir.resolve("hosts"), "--dhcp-leasefile=" + dir.resolve("leases"),
                "--pid-file=" + dir.resolve("pid"), "--dhcp-option=option:mtu," + sample.mtu()));
        String routes = OpenStackMetadata.METADATA_ADDRESS + "/32," + sample.dhcpServerIp();
        if (sample.gatewayIp() != null) {
            arguments.add("--dhcp-option=option:router," + sample.gatewayIp());
            routes += ",0.0.0.0/0," + sample.gatewayIp();
        }
        arguments.add("--dhcp-option=option:classless-static-route," + routes);
        arguments.add("--dhcp-option=249," + routes);
        return arguments;
    }

    private static DaemonPid daemon(Path dir) {
        return new DaemonPid(dir.resolve("pid"), "dnsmasq");
    }
}
