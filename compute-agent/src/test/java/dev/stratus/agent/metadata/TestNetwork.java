package dev.stratus.agent.metadata;

import dev.stratus.contracts.PortBinding;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A tenant network of a test's own: 10.99.0.0/24 (every network's namespace is its own, so they may overlap), gateway
 * .1, DHCP server .2; {@link #port} is the same port for the same host number.
 */
final class TestNetwork {
    final String id = UUID.randomUUID().toString();

    PortBinding port(int hostNumber) {
        String portId = UUID.nameUUIDFromBytes((id + hostNumber).getBytes(StandardCharsets.UTF_8)).toString();
        String mac = "fa:16:3e:" + id.substring(0, 2) + ":" + id.substring(2, 4) + ":"
                + HexFormat.of().toHexDigits((byte) hostNumber);
        return new PortBinding(portId, id, mac, "10.99.0." + hostNumber, "10.99.0.0/24", "10.99.0.1", "10.99.0.2",
                1450);
    }
}
