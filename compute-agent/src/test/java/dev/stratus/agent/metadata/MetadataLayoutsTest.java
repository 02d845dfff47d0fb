package dev.stratus.agent.metadata;

import dev.stratus.agent.guest.OpenStackMetadata;
import dev.stratus.contracts.Ec2Ids;
import dev.stratus.contracts.FlavorSpec;
import dev.stratus.contracts.GuestIdentity;
import dev.stratus.contracts.ImageRef;
import dev.stratus.contracts.InstancePlaced;
import dev.stratus.contracts.PortBinding;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The two layouts of the metadata service, answered for one caller, without a network (see MetadataServiceTest). */
class MetadataLayoutsTest {
    static final String INSTANCE = "0f3c9b2e-41d7-4c2a-9e55-1b2c3d4e5f60";
    static final String IMAGE = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    static final PortBinding PORT = new PortBinding("5f0a6c1e-1111-4222-8333-444455556666",
            "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "fa:16:3e:00:00:05", "10.0.0.5", "10.0.0.0/24", "10.0.0.1",
            "10.0.0.2", 1450);
    static final String USER_DATA = "#cloud-config\nruncmd: [touch, /tmp/x]\n";

    static GuestCaller caller(GuestIdentity identity) {
        InstancePlaced placement = new InstancePlaced("e-1", InstancePlaced.VERSION, INSTANCE, "project-1", "Web 1",
                "host", "http://host", new FlavorSpec("f-1", "m1.small", 1, 256, 1, null),
                new ImageRef(IMAGE, null, null), Instant.now(), List.of(PORT), identity);
        return new GuestCaller(placement, PORT);
    }

    static GuestIdentity withKeyAndUserData() {
        return new GuestIdentity("web-1", "ci", "ssh-ed25519 AAAA ci@example",
                Base64.getEncoder().encodeToString(USER_DATA.getBytes(StandardCharsets.UTF_8)), Map.of("a", "b"), true);
    }

    private static String text(GuestCaller caller, String path) {
        Answer answer = MetadataRoutes.answer(caller, path);
        assertEquals(200, answer.status(), path);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void openStackFilesAreTheBytesOfTheConfigDrive() {
        GuestCaller caller = caller(withKeyAndUserData());
        Map<String, byte[]> files = OpenStackMetadata.files(INSTANCE, "Web 1", "project-1", caller.identity(),
                List.of(PORT));
        assertEquals("latest", text(caller, "/openstack"));
        assertEquals("latest", text(caller, "/openstack/"));
        assertEquals("meta_data.json\nnetwork_data.json\nuser_data\nvendor_data.json", text(caller, "/openstack/latest/"));
        assertEquals(text(caller, "/openstack/latest/"), text(caller, "/openstack/latest"));
        for (String file : List.of("meta_data.json", "network_data.json", "vendor_data.json", "user_data")) {
            Answer answer = MetadataRoutes.answer(caller, "/openstack/latest/" + file);
            assertArrayEquals(files.get("openstack/latest/" + file), answer.body(), file);
        }
        assertEquals("application/json", MetadataRoutes.answer(caller, "/openstack/latest/meta_data.json").contentType());
        assertEquals(404, MetadataRoutes.answer(caller, "/openstack/2012-08-10/meta_data.json").status());
        assertEquals(404, MetadataRoutes.answer(caller, "/openstack/latest/password").status());
    }

    @Test
    void ec2TreeListsOnlyWhatAnswers() {
        GuestCaller caller = caller(withKeyAndUserData());
        assertEquals("1.0\n2009-04-04\n2016-09-02\n2018-09-24\n2021-03-23\nlatest", text(caller, "/"));
        assertEquals("meta-data\nuser-data", text(caller, "/latest/"));
        String listing = "ami-id\nami-launch-index\nhostname\ninstance-id\ninstance-type\nlocal-hostname\nlocal-ipv4\n"
                + "mac\nplacement/\npublic-keys/";
        assertEquals(listing, text(caller, "/latest/meta-data/"));
        assertEquals(listing, text(caller, "/latest/meta-data"));
        assertEquals(listing, text(caller, "/2021-03-23/meta-data/"));
        assertEquals("i-0f3c9b2e41d74c2a9", text(caller, "/latest/meta-data/instance-id"));
        assertEquals("i-0f3c9b2e41d74c2a9", text(caller, "/2009-04-04/meta-data/instance-id"));
        assertEquals("ami-7a1b2c3d4e5f4a6b8", text(caller, "/latest/meta-data/ami-id"));
        assertEquals("m1.small", text(caller, "/latest/meta-data/instance-type"));
        assertEquals("web-1", text(caller, "/latest/meta-data/hostname"));
        assertEquals("web-1", text(caller, "/latest/meta-data/local-hostname"));
        assertEquals("10.0.0.5", text(caller, "/latest/meta-data/local-ipv4"));
        assertEquals("fa:16:3e:00:00:05", text(caller, "/latest/meta-data/mac"));
        assertEquals("availability-zone", text(caller, "/latest/meta-data/placement/"));
        assertEquals("stratus", text(caller, "/latest/meta-data/placement/availability-zone"));
        assertEquals("0=ci", text(caller, "/latest/meta-data/public-keys/"));
        assertEquals("openssh-key", text(caller, "/latest/meta-data/public-keys/0/"));
        assertEquals("ssh-ed25519 AAAA ci@example", text(caller, "/latest/meta-data/public-keys/0/openssh-key"));
        assertEquals(USER_DATA, text(caller, "/latest/user-data"));
        assertEquals(USER_DATA, text(caller, "/2021-03-23/user-data"));
        for (String missing : List.of("/latest/meta-data/public-ipv4", "/latest/meta-data/public-keys/1/openssh-key",
                "/latest/meta-data/local-ipv4/x", "/2007-01-19/meta-data/instance-id", "/latest/dynamic/", "/x")) {
            assertEquals(404, MetadataRoutes.answer(caller, missing).status(), missing);
        }
    }

    @Test
    void aGuestWithoutKeyOrUserDataIsListedWithout() {
        GuestCaller caller = caller(GuestIdentity.legacy("Web 1"));
        assertEquals("meta-data", text(caller, "/latest"));
        assertEquals(404, MetadataRoutes.answer(caller, "/latest/user-data").status());
        assertEquals(404, MetadataRoutes.answer(caller, "/openstack/latest/user_data").status());
        assertEquals(404, MetadataRoutes.answer(caller, "/latest/meta-data/public-keys/").status());
        assertEquals("meta_data.json\nnetwork_data.json\nvendor_data.json", text(caller, "/openstack/latest"));
        assertEquals("ami-id\nami-launch-index\nhostname\ninstance-id\ninstance-type\nlocal-hostname\nlocal-ipv4\n"
                + "mac\nplacement/", text(caller, "/latest/meta-data/"));
    }

    @Test
    void ec2IdsComeFromTheUuidAndLeadBackToIt() {
        assertEquals("i-0f3c9b2e41d74c2a9", Ec2Ids.instance(INSTANCE));
        assertEquals("i-0f3c9b2e41d74c2a9", Ec2Ids.instance(INSTANCE.toUpperCase()));
        assertEquals("0f3c9b2e-41d7-4c2a-9", Ec2Ids.uuidPrefix("i-0f3c9b2e41d74c2a9"));
        assertEquals(true, INSTANCE.startsWith(Ec2Ids.uuidPrefix(Ec2Ids.instance(INSTANCE))));
        assertEquals(true, IMAGE.startsWith(Ec2Ids.uuidPrefix(Ec2Ids.image(IMAGE))));
        assertThrows(IllegalArgumentException.class, () -> Ec2Ids.instance("not-a-uuid"));
        assertThrows(IllegalArgumentException.class, () -> Ec2Ids.uuidPrefix("i-0f3c9b2e41d74c2a"));
        assertThrows(IllegalArgumentException.class, () -> Ec2Ids.uuidPrefix("i-0F3C9B2E41D74C2A9"));
    }
}
