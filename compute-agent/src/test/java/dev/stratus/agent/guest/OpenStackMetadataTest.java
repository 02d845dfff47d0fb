package dev.stratus.agent.guest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.PortBinding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenStackMetadataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PortBinding PORT = new PortBinding("5f0a6c1e-1111-2222-3333-444455556666", "net-1",
            "fa:16:3e:00:00:01", "10.0.0.5", "10.0.0.0/24", "10.0.0.1", "10.0.0.2", 1450);

    @Test
    void metaDataCarriesTheIdentityAndTheKey() throws Exception {
        GuestIdentity identity = new GuestIdentity("web-1", "ci", "ssh-ed25519 AAAA ci@example", null,
                Map.of("role", "web"), true);
        Map<String, byte[]> files = OpenStackMetadata.files("uuid-1", "Web 1", "project-1", identity, List.of(PORT));
        JsonNode meta = JSON.readTree(files.get("openstack/latest/meta_data.json"));
        assertEquals("uuid-1", meta.path("uuid").asText());
        assertEquals("web-1", meta.path("hostname").asText());
        assertEquals("ssh-ed25519 AAAA ci@example", meta.path("public_keys").path("ci").asText());
        assertEquals("web", meta.path("meta").path("role").asText());
        assertFalse(files.containsKey("openstack/latest/user_data"), "no user-data, no file");
    }

    @Test
    void userDataIsDecodedOnce() {
        String script = "#cloud-config\nruncmd: [touch, /tmp/x]\n";
        GuestIdentity identity = new GuestIdentity("h", null, null,
                Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)), Map.of(), true);
        byte[] userData = OpenStackMetadata.files("u", "n", "p", identity, List.of()).get("openstack/latest/user_data");
        assertEquals(script, new String(userData, StandardCharsets.UTF_8));
    }

    @Test
    void networkDataIsStaticWithTheGatewayAndTheMetadataRoute() throws Exception {
        GuestIdentity identity = GuestIdentity.legacy("h");
        JsonNode net = JSON.readTree(OpenStackMetadata.files("u", "n", "p", identity, List.of(PORT))
                .get("openstack/latest/network_data.json"));
        JsonNode link = net.path("links").get(0);
        assertEquals("fa:16:3e:00:00:01", link.path("ethernet_mac_address").asText());
        assertEquals(1450, link.path("mtu").asInt());
        JsonNode network = net.path("networks").get(0);
        assertEquals(link.path("id").asText(), network.path("link").asText());
        assertEquals("10.0.0.5", network.path("ip_address").asText());
        assertEquals("255.255.255.0", network.path("netmask").asText());
        assertEquals("10.0.0.1", network.path("routes").get(0).path("gateway").asText());
        JsonNode metadataRoute = network.path("routes").get(1);
        assertEquals("169.254.169.254", metadataRoute.path("network").asText());
        assertEquals("10.0.0.2", metadataRoute.path("gateway").asText());
    }

    @Test
    void netmasks() {
        assertEquals("0.0.0.0", OpenStackMetadata.netmask("0.0.0.0/0"));
        assertEquals("255.255.240.0", OpenStackMetadata.netmask("172.16.0.0/20"));
        assertEquals("255.255.255.255", OpenStackMetadata.netmask("10.0.0.1/32"));
        assertTrue(OpenStackMetadata.netmask("10.0.0.0/8").startsWith("255.0."));
    }
}
