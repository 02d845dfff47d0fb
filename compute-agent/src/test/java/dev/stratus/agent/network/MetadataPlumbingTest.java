package dev.stratus.agent.network;

import dev.stratus.contracts.PortBinding;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network side of the metadata service: the proxy's config and the DHCP route to it. */
class MetadataPlumbingTest {
    private static final String NETWORK = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    @Test
    void theProxyNamesTheNetworkAndTheSourceWhateverTheGuestSent() {
        String config = MetadataProxy.config(NETWORK, Path.of("/var/lib/a/haproxy.pid"), Path.of("/var/lib/a/md.sock"));
        assertTrue(config.contains("    bind 169.254.169.254:80\n"), config);
        assertTrue(config.contains("    http-request set-header X-Stratus-Guest-Forwarded-For-Count "
                + "%[req.hdr_cnt(x-forwarded-for)]\n    http-request set-header X-Forwarded-For %[src]\n"
                + "    http-request set-header X-Stratus-Network-Id " + NETWORK + "\n"
                + "    server agent unix@/var/lib/a/md.sock\n"), "count first, then replace; " + config);
        assertTrue(config.contains("    pidfile /var/lib/a/haproxy.pid\n"));
        assertThrows(IllegalArgumentException.class, () -> MetadataProxy.config("x\nlisten evil", Path.of("/p"),
                Path.of("/s")));
        assertThrows(IllegalArgumentException.class, () -> MetadataProxy.config(NETWORK, Path.of("/p"),
                Path.of("/a b/s\n    server x 1.2.3.4:80")));
    }

    @Test
    void dhcpPushesTheMetadataRouteAndTheDefaultRouteAsClasslessRoutes() {
        PortBinding port = new PortBinding("5f0a6c1e-1111-4222-8333-444455556666", NETWORK, "fa:16:3e:00:00:05",
                "10.0.0.5", "10.0.0.0/24", "10.0.0.1", "10.0.0.2", 1450);
        List<String> args = DhcpServer.arguments(port, Path.of("/d"));
        assertTrue(args.contains("--dhcp-option=option:classless-static-route,169.254.169.254/32,10.0.0.2,"
                + "0.0.0.0/0,10.0.0.1"), args.toString());
        assertTrue(args.contains("--dhcp-option=249,169.254.169.254/32,10.0.0.2,0.0.0.0/0,10.0.0.1"));
        assertTrue(args.contains("--dhcp-option=option:router,10.0.0.1"));
        assertTrue(args.contains("--dhcp-range=10.0.0.0,static,255.255.255.0,3600s"));
        assertTrue(args.contains("--interface=dh9b8a7c6d5e4"));

        PortBinding isolated = new PortBinding(port.portId(), NETWORK, port.macAddress(), "10.0.0.5", "10.0.0.0/24",
                null, "10.0.0.2", 1450);
        List<String> noGateway = DhcpServer.arguments(isolated, Path.of("/d"));
        assertTrue(noGateway.contains("--dhcp-option=option:classless-static-route,169.254.169.254/32,10.0.0.2"),
                noGateway.toString());
        assertTrue(noGateway.stream().noneMatch(a -> a.startsWith("--dhcp-option=option:router")));
    }
}
