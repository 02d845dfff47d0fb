package dev.stratus.e2e.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.e2e.Stack;
import dev.stratus.e2e.fuzz.FuzzCase.Caller;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real objects the fuzzer's requests point at, made through the API before it starts: project A (the
 * fuzzing member's) with a server, network, subnet, port, security group and rule, router, floating IP, image, key
 * pair and application credential; project B with the same but a server (their ids are "another project's"); a
 * target project and user for the admin routes (so no admin route changes the fuzzing member's own); a service
 * user for the internal routes. Placeholders in the plan ({@code @@network@@}) are filled in from here.
 */
final class Fixtures {
    static final String MEMBER_PASSWORD = "fuzz-a-password";
    /** An id no object has (the same in every run). */
    static final String UNKNOWN_UUID = UUID.nameUUIDFromBytes("stratus-fuzz".getBytes()).toString();
    private static final Pattern PLACEHOLDER = Pattern.compile("@@([A-Za-z_:-]+)@@");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<Caller, String> tokens = new LinkedHashMap<>();
    private String tokenB;

    /** Makes everything (about 40 requests and one server booted to ACTIVE). */
    static Fixtures create() {
        Fixtures f = new Fixtures();
        f.make();
        return f;
    }

    private void make() {
        String admin = Stack.adminToken();
        tokens.put(Caller.ADMIN, admin);
        String a = project(admin, "fuzz-a", "fuzz-a-user", MEMBER_PASSWORD, "member");
        String b = project(admin, "fuzz-b", "fuzz-b-user", "fuzz-b-password", "member");
        values.put("target_project", project(admin, "fuzz-target", "fuzz-target-user", "fuzz-target-password",
                "member"));
        values.put("target_user", Api.call("GET", Stack.url() + "/v1/users/fuzz-target-user", admin, null)
                .json().path("id").asText());
        values.put("project_a", a);
        values.put("project_b", b);
        values.put("member_user", "fuzz-a-user");
        values.put("member_password", MEMBER_PASSWORD);
        values.put("member_project", "fuzz-a");
        tokens.put(Caller.MEMBER, token("fuzz-a-user", MEMBER_PASSWORD, "fuzz-a"));
        tokenB = token("fuzz-b-user", "fuzz-b-password", "fuzz-b");
        tokens.put(Caller.SERVICE, serviceToken(admin));
        values.put("external_network", Stack.env("STRATUS_EXTERNAL_NETWORK"));
        values.put("host", Stack.HOST);
        values.put("random_uuid", UNKNOWN_UUID);
        for (JsonNode flavor : Api.call("GET", Stack.url() + "/v1/flavors", admin, null).json().path("flavors")) {
            if (flavor.path("name").asText().equals("m1.tiny")) {
                values.put("flavor", flavor.path("id").asText());
            }
        }
        Map<String, String> objectsA = objects(tokens.get(Caller.MEMBER), "fuzz-a", "10.200.0.0/24");
        objectsA.forEach(values::put);
        objects(tokenB, "fuzz-b", "10.210.0.0/24").forEach((name, id) -> values.put("b:" + kind(name), id));
        String server = Api.call("POST", Stack.url() + "/v1/servers", tokens.get(Caller.MEMBER),
                "{\"name\":\"fuzz-a-server\",\"flavor\":\"m1.tiny\",\"image\":\"stratus-tiny\",\"networks\":[{\"network\":\""
                        + values.get("network") + "\"}]}").id(202, "the fuzz server");
        values.put("server", server);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode s = Api.call("GET", Stack.url() + "/v1/servers/" + server, tokens.get(Caller.MEMBER),
                            null).json();
                    if (s.path("status").asText().equals("ERROR")) {
                        throw new IllegalStateException("the fuzz server failed: " + s);
                    }
                    return s.path("status").asText().equals("ACTIVE") && s.path("task_state").isNull();
                });
        // no server the fuzzer's creates could boot: project A has its one
        Api.Answer quota = Api.call("PUT", Stack.url() + "/v1/projects/" + a + "/quotas", admin,
                "{\"instances\": 1}");
        if (quota.status() != 200) {
            throw new IllegalStateException("cannot set project A's quota: " + quota);
        }
    }

    /**
     * Deletes what {@link #create} made (best effort): the server first, waiting until it is gone, so the next test
     * class finds the host as it was; then the routers' interfaces, floating IPs, routers, ports, subnets,
     * networks, groups, images, key pairs and credentials of both projects.
     */
    void delete() {
        String a = tokens.get(Caller.MEMBER);
        Api.call("DELETE", Stack.url() + "/v1/servers/" + values.get("server"), a, null);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> Api.call("GET", Stack.url() + "/v1/servers/" + values.get("server"), a, null)
                        .status() == 404);
        for (String prefix : java.util.List.of("", "b:")) {
            String token = prefix.isEmpty() ? a : tokenB;
            java.util.function.Function<String, String> id = kind -> values.get(prefix.isEmpty() ? kind
                    : "b:" + kind(kind));
            Api.call("POST", Stack.url() + "/v1/routers/" + id.apply("router") + "/actions/remove-interface", token,
                    "{\"subnet_id\":\"" + id.apply("subnet") + "\"}");
            for (String kind : java.util.List.of("floating_ip", "router", "port", "subnet", "network", "group",
                    "image", "key_pair", "credential")) {
                Api.Answer deleted = Api.call("DELETE", Stack.url() + "/v1/" + kind(kind) + "/" + id.apply(kind),
                        token, null);
                if (deleted.status() >= 300 && deleted.status() != 404) {
                    System.out.println("fuzz: cannot delete " + prefix + kind + ": " + deleted);
                }
            }
        }
    }

    /** One of each kind of object a project owns (but servers); kind (placeholder name) → id. */
    private static Map<String, String> objects(String token, String prefix, String cidr) {
        Map<String, String> ids = new LinkedHashMap<>();
        String external = Stack.env("STRATUS_EXTERNAL_NETWORK");
        ids.put("network", post(token, "/v1/networks", "{\"name\":\"" + prefix + "-net\"}"));
        ids.put("subnet", post(token, "/v1/subnets", "{\"network_id\":\"" + ids.get("network") + "\",\"cidr\":\""
                + cidr + "\"}"));
        ids.put("port", post(token, "/v1/ports", "{\"network_id\":\"" + ids.get("network") + "\",\"name\":\""
                + prefix + "-port\"}"));
        ids.put("group", post(token, "/v1/security-groups", "{\"name\":\"" + prefix + "-group\"}"));
        ids.put("rule", post(token, "/v1/security-group-rules", "{\"security_group_id\":\"" + ids.get("group")
                + "\",\"direction\":\"ingress\",\"protocol\":\"tcp\",\"port_range_min\":22,\"port_range_max\":22}"));
        ids.put("router", post(token, "/v1/routers", "{\"name\":\"" + prefix + "-router\",\"external_gateway_info\":"
                + "{\"network_id\":\"" + external + "\"}}"));
        ids.put("floating_ip", post(token, "/v1/floating-ips", "{\"floating_network_id\":\"" + external
                + "\",\"description\":\"" + prefix + "-fip\"}"));
        // shared, so that its member routes reach past "not shared" (409)
        ids.put("image", post(token, "/v1/images", "{\"name\":\"" + prefix + "-image\",\"disk_format\":\"qcow2\","
                + "\"container_format\":\"bare\",\"visibility\":\"shared\"}"));
        ids.put("key_pair", post(token, "/v1/key-pairs", "{\"name\":\"" + prefix + "-key\"}"));
        ids.put("credential", post(token, "/v1/application-credentials", "{\"name\":\"" + prefix + "-cred\"}"));
        return ids;
    }

    /** The path segment of a placeholder's kind of object: network → networks. */
    static String kind(String placeholder) {
        switch (placeholder) {
            case "group":
                return "security-groups";
            case "rule":
                return "security-group-rules";
            case "floating_ip":
                return "floating-ips";
            case "key_pair":
                return "key-pairs";
            case "credential":
                return "application-credentials";
            default:
                return placeholder + "s";
        }
    }

    private static String post(String token, String path, String body) {
        return Api.call("POST", Stack.url() + path, token, body).id(201, "POST " + path);
    }

    private static String project(String admin, String project, String user, String password, String role) {
        Api.call("POST", Stack.url() + "/v1/projects", admin, "{\"name\":\"" + project + "\"}");
        Api.call("POST", Stack.url() + "/v1/users", admin, "{\"name\":\"" + user + "\",\"password\":\"" + password
                + "\"}");
        Api.Answer granted = Api.call("PUT", Stack.url() + "/v1/projects/" + project + "/members", admin,
                "{\"user\":\"" + user + "\",\"role\":\"" + role + "\"}");
        if (granted.status() != 204) {
            throw new IllegalStateException("cannot make " + user + " " + role + " of " + project + ": " + granted);
        }
        return Api.call("GET", Stack.url() + "/v1/projects/" + project, admin, null).json().path("id").asText();
    }

    private static String token(String user, String password, String project) {
        Api.Answer issued = Api.call("POST", Stack.url() + "/v1/auth/tokens", null, "{\"user\":\"" + user
                + "\",\"password\":\"" + password + "\",\"project\":\"" + project + "\"}");
        if (issued.status() != 201) {
            throw new IllegalStateException("no token for " + user + ": " + issued);
        }
        return issued.json().path("token").asText();
    }

    /** A user of its own with the service role on the project {@code service}, as Stratus' services have. */
    private static String serviceToken(String admin) {
        String password = "fuzz-service-" + UUID.randomUUID();
        Api.call("POST", Stack.url() + "/v1/users", admin, "{\"name\":\"fuzz-service\",\"password\":\"" + password
                + "\"}");
        Api.Answer granted = Api.call("PUT", Stack.url() + "/v1/projects/service/members", admin,
                "{\"user\":\"fuzz-service\",\"role\":\"service\"}");
        if (granted.status() != 204) {
            throw new IllegalStateException("cannot grant the service role: " + granted);
        }
        return token("fuzz-service", password, "service");
    }

    /** The token of a caller; null for {@link Caller#NONE}. */
    String token(Caller caller) {
        return tokens.get(caller);
    }

    /** Project B's member's token. */
    String tokenB() {
        return tokenB;
    }

    String value(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("no fixture " + name);
        }
        return v;
    }

    /** The real object (or value) a path parameter takes when a case does not break it. */
    String real(ApiOperation op, String param) {
        switch (param) {
            case "user":
                return value("target_user");
            case "role":
                return "member";
            case "action":
                return "reboot";
            case "member":
                return value("project_b");
            case "tag":
                return "fuzz-tag";
            case "host":
            case "name":
                return value("host");
            case "instanceId":
            case "device_id":
                return value("server");
            default:
                break;
        }
        switch (PathCases.kindOf(op.path(), param)) {
            case "servers":
                return value("server");
            case "projects":
                return value("target_project");
            case "users":
                return value("target_user");
            case "flavors":
                return value("flavor");
            case "application-credentials":
                return value("credential");
            default:
                String kind = PathCases.kindOf(op.path(), param);
                return values.entrySet().stream().filter(e -> !e.getKey().contains(":") && kind(e.getKey()).equals(kind))
                        .map(Map.Entry::getValue).findFirst().orElse(UNKNOWN_UUID);
        }
    }

    /** The text with its placeholders filled in. */
    String resolve(ApiOperation op, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.startsWith("upper:") ? real(op, name.substring(6)).toUpperCase() : value(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every id the fixtures hold (a change to one of them by a 2xx on its route is expected). */
    Map<String, String> values() {
        return values;
    }
}
