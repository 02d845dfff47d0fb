package dev.stratus.e2e;

import io.restassured.http.ContentType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Guests on tenant networks, seen from inside the networks' own {@code qdhcp-} namespaces: the only places the
 * tests send traffic to. Uses busybox (a Stratus dependency) for ping and nc, so no other tool is assumed.
 */
final class Guests {
    static final Duration BOOT = Duration.ofSeconds(120);

    private Guests() {
    }

    /** A network with one IPv4 subnet; {@code pool} is "start-end" or null for the whole CIDR. */
    static String network(String name, String cidr, String poolStart, String poolEnd) {
        String net = created("/v1/networks", Map.of("name", name));
        Map<String, Object> subnet = new java.util.HashMap<>(Map.of("network_id", net, "cidr", cidr));
        if (poolStart != null) {
            subnet.put("allocation_pools", List.of(Map.of("start", poolStart, "end", poolEnd)));
        }
        created("/v1/subnets", subnet);
        return net;
    }

    /** Stands for the group's own id in {@link #group}'s rules (a remote group of its members). */
    static final String SELF = "SELF";

    /** A security group (a new group sends anywhere and receives nothing) with these ingress rules. */
    static String group(String name, List<Map<String, Object>> ingress) {
        String group = created("/v1/security-groups", Map.of("name", name));
        for (Map<String, Object> rule : ingress) {
            Map<String, Object> body = new java.util.HashMap<>(rule);
            body.put("security_group_id", group);
            body.put("direction", "ingress");
            body.replaceAll((k, v) -> SELF.equals(v) ? group : v);
            created("/v1/security-group-rules", body);
        }
        return group;
    }

    /** A server of stratus-tiny on a port of {@code network} in {@code group}; returns the server id. */
    static String server(String name, String network, String group) {
        String port = created("/v1/ports", Map.of("network_id", network, "security_groups", List.of(group)));
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "flavor", "m1.tiny",
                        "image", "stratus-tiny", "networks", List.of(Map.of("port", port))))
                .post("/v1/servers").then().statusCode(202).extract().path("id");
    }

    /** The address the guest printed once DHCP gave it one; it must be the one IPAM chose. */
    static String address(String server) {
        String expected = given().get("/v1/ports?device_id=" + server).then().extract()
                .path("ports[0].fixed_ips[0].ip_address");
        long start = System.nanoTime();
        try {
            await().atMost(BOOT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                String console = given().get("/v1/servers/" + server + "/console").then().statusCode(200)
                        .extract().asString();
                if (console.contains("STRATUS-NET-FAILED") || console.contains("STRATUS-MODULE-FAILED")) {
                    throw new IllegalStateException("the guest cannot bring its network up"); // no use waiting
                }
                org.junit.jupiter.api.Assertions.assertTrue(console.contains("STRATUS-NET " + expected));
            });
        } catch (org.awaitility.core.ConditionTimeoutException | IllegalStateException e) {
            throw new AssertionError("server " + server + " did not print STRATUS-NET " + expected + " within "
                    + BOOT + "; " + whyNoNetwork(server), e);
        }
        System.out.printf("server %s: STRATUS-NET %s after %d ms of polling%n", server, expected,
                (System.nanoTime() - start) / 1_000_000);
        given().get("/v1/ports?device_id=" + server).then().body("ports[0].status", equalTo("ACTIVE"));
        return expected;
    }

    /**
     * What to read when a guest has no network: the server, the tail of its console (the guest prints the modules it
     * loaded and any that failed) and the modules the test image's initramfs holds, as its build resolved them.
     */
    static String whyNoNetwork(String server) {
        String view = given().get("/v1/servers/" + server).then().extract().asString();
        String console = given().get("/v1/servers/" + server + "/console").then().extract().asString();
        String modules;
        try {
            modules = String.join(" ", java.nio.file.Files.readAllLines(
                    Stack.STATE.resolve("test-image/initramfs.modules")))
                    + " (kernel " + java.nio.file.Files.readString(Stack.STATE.resolve("test-image/build.id")).strip()
                    + ")";
        } catch (IOException e) {
            modules = "unknown (" + e + ")";
        }
        return "server: " + view + "\ninitramfs modules: " + modules + "\nconsole tail:\n"
                + console.substring(Math.max(0, console.length() - 3000));
    }

    /** One ping from the network's DHCP namespace; fails the test if ping itself could not run. */
    static boolean ping(String network, String ip) {
        Run run = run(List.of("ip", "netns", "exec", "qdhcp-" + network, "busybox", "ping", "-c", "1", "-W", "1", ip),
                null, 5);
        if (!run.out.contains("PING " + ip)) {
            throw new AssertionError("ping did not run in qdhcp-" + network + ": " + run.out);
        }
        return run.code == 0;
    }

    /** One IPv6 ping of a link-local address from the network's DHCP namespace (its veth {@code dh<id>}). */
    static boolean ping6(String network, String linkLocal) {
        String ns = "qdhcp-" + network;
        String veth = "dh" + network.replace("-", "").substring(0, 11);
        Run run = run(List.of("ip", "netns", "exec", ns, "busybox", "ping6", "-c", "1", "-W", "1", "-I", veth, linkLocal),
                null, 5);
        if (!run.out.contains("PING " + linkLocal)) {
            throw new AssertionError("ping6 did not run in " + ns + ": " + run.out);
        }
        return run.code == 0;
    }

    /** The EUI-64 link-local address of a MAC, as a guest's kernel forms it. */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return String.format("fe80::%x:%x:%x:%x", (first << 8) | Integer.parseInt(b[1], 16),
                (Integer.parseInt(b[2], 16) << 8) | 0xff, 0xfe00 | Integer.parseInt(b[3], 16),
                (Integer.parseInt(b[4], 16) << 8) | Integer.parseInt(b[5], 16));
    }

    /**
     * Asks the guest at {@code guestIp} (through its probe on TCP port 7, from the network's DHCP namespace) to ping
     * {@code target}; true when the guest got an answer. Waits for the probe to listen.
     */
    static boolean guestPings(String network, String guestIp, String target) {
        return probe(network, guestIp, "ping " + target).endsWith(" ok");
    }

    /** Sends one request to the guest's probe (TCP port 7) from the network's namespace; returns its answer. */
    static String probe(String network, String guestIp, String request) {
        String[] answer = new String[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            Run run = run(List.of("ip", "netns", "exec", "qdhcp-" + network, "busybox", "nc", "-w", "3", guestIp, "7"),
                    request + "\n", 10);
            answer[0] = run.out.strip();
            return answer[0].startsWith("STRATUS-PROBE " + request);
        });
        System.out.printf("guest %s: %s%n", guestIp, answer[0]);
        return answer[0];
    }

    /** The MAC the network's namespace holds for {@code ip} in its neighbour table, or null. */
    static String neighbour(String network, String ip) {
        String out = run(List.of("ip", "-n", "qdhcp-" + network, "neigh", "show", ip), null, 5).out;
        int at = out.indexOf("lladdr ");
        return at < 0 ? null : out.substring(at + 7).split("\\s+")[0];
    }

    /** Deletes the servers and waits until they are gone (their vCPUs are free again for the next test). */
    static void deleteAll(List<String> servers) {
        for (String id : servers) {
            given().delete("/v1/servers/" + id).then().statusCode(org.hamcrest.Matchers.anyOf(
                    org.hamcrest.Matchers.is(202), org.hamcrest.Matchers.is(404)));
        }
        for (String id : servers) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().get("/v1/servers/" + id).then().statusCode(404));
        }
    }

    static String created(String path, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract().path("id");
    }

    record Run(int code, String out) {
    }

    static Run run(List<String> command, String stdin, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
