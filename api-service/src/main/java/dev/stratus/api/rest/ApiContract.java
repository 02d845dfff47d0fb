package dev.stratus.api.rest;

import dev.stratus.api.model.TaskState;
import dev.stratus.api.service.ServerQuery;
import dev.stratus.contracts.VmState;
import dev.stratus.platform.openapi.ContractFilter;
import dev.stratus.platform.paging.ListQuery;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem.HttpMethod;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * api-service's OpenAPI description beyond its annotations (see {@link ContractFilter}): {@code GET /v1/servers}'
 * query parameters (from {@link ServerQuery}), the list bodies, the bodies the resources build by hand (a token,
 * the JWKS, a merge patch), one operation per server action ({@link ServerActionDocs}), and the closed sets of
 * states.
 */
public class ApiContract extends ContractFilter {
    /** compute-agent's {@code driver.PowerState}: what libvirt reports, as the agent sends it. */
    static final List<String> POWER_STATES = List.of("RUNNING", "PAUSED", "SHUTDOWN", "SHUTOFF", "CRASHED",
            "NOSTATE");

    @Override
    protected List<ListQuery<?>> lists() {
        return List.of(ServerQuery.documented());
    }

    @Override
    protected void refine(OpenAPI openApi) {
        listBody(openApi, "/v1/servers", "ServerList", "servers", "ServerView", true);
        listBody(openApi, "/v1/servers/{id}/actions", "ServerActionList", "actions", "ActionView", false);
        listBody(openApi, "/v1/key-pairs", "KeyPairList", "key_pairs", "KeyPairView", false);
        listBody(openApi, "/v1/application-credentials", "ApplicationCredentialList", "application_credentials",
                "CredentialView", false);
        listBody(openApi, "/v1/flavors", "FlavorList", "flavors", "FlavorView", false);
        listBody(openApi, "/v1/projects", "ProjectList", "projects", "ProjectView", false);
        listBody(openApi, "/v1/projects/{id}/members", "ProjectMemberList", "members", "MemberView", false);
        listBody(openApi, "/v1/users", "UserList", "users", "UserView", false);
        handBuiltBodies(openApi);
        ServerActionDocs.document(openApi);
        servers(openApi);
        required(openApi, "FlavorView", "id", "name", "vcpus", "ram_mb", "disk_gb");
        required(openApi, "KeyPairView", "id", "name", "type", "fingerprint", "public_key", "created_at");
        required(openApi, "ProjectView", "id", "name");
        required(openApi, "UserView", "id", "name", "enabled");
        required(openApi, "TokenView", "user_id", "roles", "expires_at");
        required(openApi, "ActionView", "action", "started_at");
        required(openApi, "QuotaView", "limit");
        enumerate(openApi, "ActionView", "result", List.of("success", "error"));
        events(openApi);
        format(openApi, "KeyPairView", "id", "uuid");
        format(openApi, "SnapshotAccepted", "image_id", "uuid");
        format(openApi, "SnapshotAccepted", "server_id", "uuid");
    }

    private static void servers(OpenAPI openApi) {
        enumerate(openApi, "ServerView", "status", statuses());
        enumerate(openApi, "ServerView", "task_state", Arrays.stream(TaskState.values()).map(TaskState::apiName)
                .toList());
        enumerate(openApi, "ServerView", "power_state", POWER_STATES);
        enumerate(openApi, "ServerView", "shutdown_behavior", List.of("stop", "delete"));
        enumerate(openApi, "CreateServerRequest", "shutdown_behavior", List.of("stop", "delete"));
        format(openApi, "ServerView", "id", "uuid");
        format(openApi, "CreateServerRequest", "user_data", "byte");
        property(openApi, "CreateServerRequest", "user_data").description("The guest's user-data (e.g. #cloud-config),"
                + " base64-encoded; served by the config drive and the metadata service");
        required(openApi, "ServerView", "id", "name", "status", "flavor", "image", "vcpus", "ram_mb", "disk_gb",
                "config_drive", "addresses", "created_at");
        readOnly(openApi, "ServerView", "id", "status", "task_state", "power_state", "host", "fault");
        property(openApi, "CreateServerRequest", "security_groups").description("The security groups of the ports"
                + " made for the server (each entry the name or the id of a group of the token's project, from"
                + " listSecurityGroups). Absent or null: the project's `default` group. An empty list: the ports are in"
                + " no group, so their firewall opens nothing: no traffic reaches the guest but DHCP, IPv6 neighbour"
                + " discovery and the answers to what it sent, and it sends nothing but those and requests to the"
                + " metadata service. A port given in `networks` keeps its own groups. An entry that is no group of"
                + " the project (another project's group included), or a name two groups share, is a 400 problem whose"
                + " `field` is `security_groups`, and nothing is created.");
        property(openApi, "ServerView", "security_groups").description("The security groups of the server's ports"
                + " when it was created (the groups of a port given in `networks` included); null for a server"
                + " created before Stratus kept them. A later change of a port's groups (updatePort) shows in the"
                + " port, not here.");
        required(openApi, "ServerSecurityGroup", "id", "name");
        format(openApi, "ServerSecurityGroup", "id", "uuid");
        required(openApi, "CreateServerRequest", "name", "flavor", "image");
        required(openApi, "Ref", "id");
        operation(openApi, "/v1/servers", HttpMethod.POST).getRequestBody().getContent()
                .getMediaType("application/json").setExample(Map.of("name", "web-1", "flavor", "m1.small",
                        "image", "stratus-debian", "networks", List.of(Map.of("network", "private")),
                        "key_name", "laptop", "security_groups", List.of("web"), "ttl_seconds", 86400));
    }

    private static void events(OpenAPI openApi) {
        required(openApi, "EventPage", "events", "next");
        property(openApi, "EventPage", "next").description("Pass it as since to get the events after this page"
                + " (the same cursor when the page is empty)");
        required(openApi, "EventView", "at", "server_id", "phase", "action", "request_id");
        enumerate(openApi, "EventView", "phase", List.of("started", "finished"));
        enumerate(openApi, "EventView", "result", List.of("success", "error"));
        property(openApi, "EventView", "user_id").description("Who asked; null when Stratus did it by itself");
    }

    /** What a status shows: the vm_state (RESIZED as VERIFY_RESIZE), or UNKNOWN while the host is silent. */
    private static List<String> statuses() {
        List<String> all = new ArrayList<>();
        for (VmState state : VmState.values()) {
            all.add(state == VmState.RESIZED ? "VERIFY_RESIZE" : state.name());
        }
        all.add("UNKNOWN");
        return all;
    }

    private static void handBuiltBodies(OpenAPI openApi) {
        openApi.getComponents().addSchema("IssuedToken", object()
                .addProperty("token", typed(SchemaType.STRING, "The token (an RS256 JWT): send it as"
                        + " `Authorization: Bearer <token>`"))
                .addProperty("expires_at", typed(SchemaType.STRING, "When it expires").format("date-time"))
                .required(List.of("token", "expires_at")));
        openApi.getComponents().addSchema("JsonWebKeySet", object()
                .addProperty("keys", typed(SchemaType.ARRAY, "One RSA public key (RFC 7517) per signing key")
                        .items(object().additionalPropertiesBoolean(Boolean.TRUE)
                                .addProperty("kid", typed(SchemaType.STRING, "Key id, as in a token's header"))
                                .addProperty("kty", typed(SchemaType.STRING, "RSA"))
                                .addProperty("n", typed(SchemaType.STRING, "Modulus, base64url"))
                                .addProperty("e", typed(SchemaType.STRING, "Exponent, base64url"))))
                .required(List.of("keys")));
        openApi.getComponents().addSchema("RotatedKey", object()
                .addProperty("kid", typed(SchemaType.STRING, "The id of the new signing key"))
                .required(List.of("kid")));
        Schema patch = object().description("A JSON merge patch (RFC 7396): only the members sent change")
                .addProperty("name", typed(SchemaType.STRING, "A new name"))
                .addProperty("expires_at", typed(SchemaType.STRING, "When the server is deleted; null: never")
                        .format("date-time").addType(SchemaType.NULL))
                .addProperty("ttl_seconds", typed(SchemaType.INTEGER, "Deleted this many seconds from now")
                        .format("int64"));
        patch.additionalPropertiesBoolean(Boolean.FALSE);
        openApi.getComponents().addSchema("UpdateServerRequest", patch);
        body(openApi, "/v1/servers/{id}", HttpMethod.PATCH, "UpdateServerRequest");
        body(openApi, "/v1/projects/{id}/server-ttl", HttpMethod.PUT, "ServerTtlView");
    }

    /** Replaces an operation's request body schema (a resource that reads a JsonNode) in every media type. */
    private static void body(OpenAPI openApi, String path, HttpMethod method, String schema) {
        operation(openApi, path, method).getRequestBody().getContent().getMediaTypes().values()
                .forEach(media -> media.setSchema(ref(schema)));
    }

    static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}
