package dev.stratus.api.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import java.util.List;

/**
 * One operation per server action in the OpenAPI description: {@code POST /v1/servers/{id}/actions/{action}} (one
 * JAX-RS method, {@link ServerActionResource#act}) becomes {@code /v1/servers/{id}/actions/stop},
 * {@code .../start}... each with its own operationId ({@code stopServer}), summary and options body. A generated
 * client then has {@code stopServer(id, StopOptions)} rather than {@code serverAction(id, "stop", body)} with a
 * string it must spell right and a body whose members depend on it (a oneOf would need the action inside the body,
 * where it is not, and generators handle oneOf poorly). The snapshot action has a resource of its own.
 */
final class ServerActionDocs {
    static final String TEMPLATE = "/v1/servers/{id}/actions/{action}";

    private record Action(String name, String operationId, String summary, String description, String options) {
    }

    private static final List<Action> ACTIONS = List.of(
            new Action("stop", "stopServer", "Stop a server", "Shuts the guest down (ACPI; with force, at once)."
                    + " status becomes STOPPED.", "StopOptions"),
            new Action("start", "startServer", "Start a server", "Boots a STOPPED server; status becomes ACTIVE.",
                    null),
            new Action("reboot", "rebootServer", "Reboot a server", "soft (ACPI, hard after a grace period; the"
                    + " default) or hard (a reset).", "RebootOptions"),
            new Action("pause", "pauseServer", "Pause a server", "Stops its vCPUs, keeping its memory; status"
                    + " becomes PAUSED.", null),
            new Action("unpause", "unpauseServer", "Unpause a server", "Runs a PAUSED server's vCPUs again.", null),
            new Action("suspend", "suspendServer", "Suspend a server", "Saves its memory to the host's disk and"
                    + " stops it; status becomes SUSPENDED.", null),
            new Action("resume", "resumeServer", "Resume a server", "Restores a SUSPENDED server's memory and runs"
                    + " it.", null),
            new Action("resize", "resizeServer", "Resize a server", "Moves it to another flavor (possibly another"
                    + " host); status becomes VERIFY_RESIZE: confirm or revert.", "ResizeOptions"),
            new Action("confirm-resize", "confirmServerResize", "Confirm a resize", "Keeps the new flavor and frees"
                    + " the old one; status becomes ACTIVE (or STOPPED).", null),
            new Action("revert-resize", "revertServerResize", "Revert a resize", "Goes back to the old flavor.",
                    null),
            new Action("rebuild", "rebuildServer", "Rebuild a server", "Replaces its disk with a fresh copy of an"
                    + " image (its own by default), keeping its id, addresses and flavor.", "RebuildOptions"));

    private ServerActionDocs() {
    }

    static void document(OpenAPI openApi) {
        PathItem template = openApi.getPaths().getPathItem(TEMPLATE);
        if (template == null || template.getPOST() == null) {
            throw new IllegalStateException("the OpenAPI description has no POST " + TEMPLATE);
        }
        Operation act = template.getPOST();
        openApi.getPaths().removePathItem(TEMPLATE);
        options(openApi);
        for (Action action : ACTIONS) {
            Operation operation = OASFactory.createOperation().operationId(action.operationId())
                    .summary(action.summary()).description(action.description() + " Accepted at once (202): poll"
                            + " getServer until task_state is null. An action the server's state does not allow is"
                            + " a 409 whose problem carries action, vm_state and task_state.")
                    .tags(act.getTags()).security(act.getSecurity()).responses(act.getResponses())
                    .parameters(act.getParameters().stream().filter(p -> !"action".equals(p.getName())).toList());
            if (action.options() != null) {
                operation.requestBody(OASFactory.createRequestBody().required(action.name().equals("resize"))
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema()
                                        .ref("#/components/schemas/" + action.options())))));
            }
            openApi.getPaths().addPathItem("/v1/servers/{id}/actions/" + action.name(),
                    OASFactory.createPathItem().POST(operation));
        }
    }

    private static void options(OpenAPI openApi) {
        openApi.getComponents().addSchema("StopOptions", object().addProperty("force",
                OASFactory.createSchema().addType(SchemaType.BOOLEAN)
                        .description("Power off at once instead of an ACPI shutdown (default false)")));
        openApi.getComponents().addSchema("RebootOptions", object().addProperty("type",
                ApiContract.string("soft (default): ACPI, hard after the grace period; hard: a reset")
                        .enumeration(List.of("soft", "hard"))));
        openApi.getComponents().addSchema("ResizeOptions", object().addProperty("flavor",
                ApiContract.string("The new flavor: an id or name from listFlavors")).required(List.of("flavor")));
        openApi.getComponents().addSchema("RebuildOptions", object().addProperty("image",
                ApiContract.string("The image: an id or name from listImages (default: the server's own)")));
    }

    private static Schema object() {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(Boolean.FALSE);
    }
}
