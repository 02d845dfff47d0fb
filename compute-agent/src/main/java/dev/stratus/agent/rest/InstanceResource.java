package dev.stratus.agent.rest;

import dev.stratus.agent.driver.ComputeDriver;
import dev.stratus.agent.driver.InstanceInfo;
import dev.stratus.agent.events.InstanceStatusReporter;
import dev.stratus.agent.events.InstanceStatusReporter.Observation;
import dev.stratus.agent.instance.InstanceFiles;
import dev.stratus.agent.reconcile.DesiredInstance;
import dev.stratus.agent.reconcile.DesiredInstances;
import dev.stratus.platform.problem.ApiException;
import dev.stratus.platform.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Internal routes of the agent (not part of the public API): instance consoles and the agent's view. Only Stratus'
 * own services may call them (a token with the role {@code service}, e.g. api-service's console proxy).
 */
@Path("/internal/v1/instances")
@RolesAllowed(Roles.SERVICE)
public class InstanceResource {
    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final DesiredInstances desired;
    private final ComputeDriver driver;
    private final InstanceFiles files;
    private final InstanceStatusReporter status;

    public InstanceResource(DesiredInstances desired, ComputeDriver driver, InstanceFiles files,
            InstanceStatusReporter status) {
        this.desired = desired;
        this.driver = driver;
        this.files = files;
        this.status = status;
    }

    /** Every instance with a desired state here and every Stratus domain the driver shows. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InstanceView> list() {
        Map<String, InstanceInfo> actual = driver.list().stream()
                .collect(Collectors.toMap(InstanceInfo::instanceId, Function.identity(), (a, b) -> a));
        TreeSet<String> ids = new TreeSet<>(actual.keySet());
        desired.all().forEach(d -> ids.add(d.instanceId()));
        return ids.stream().map(id -> view(id, desired.get(id), Optional.ofNullable(actual.get(id)))).toList();
    }

    /** The guest's serial console as written so far (at most its last 16 MiB), or its last {@code tail_bytes} bytes. */
    @GET
    @Path("/{id}/console")
    @Produces(MediaType.TEXT_PLAIN)
    public String console(@PathParam("id") String id, @QueryParam("tail_bytes") Long tailBytes) {
        if (tailBytes != null && tailBytes < 0) {
            throw ApiException.badRequest("tail_bytes", "tail_bytes must be 0 or more");
        }
        if (!INSTANCE_ID.matcher(id).matches()) {
            throw ApiException.notFound("instance", id);
        }
        boolean known = desired.get(id).isPresent() || files.exist(id);
        Optional<byte[]> content = known ? files.readConsole(id, tailBytes) : Optional.empty();
        return new String(content.orElseThrow(() -> ApiException.notFound("instance", id)), StandardCharsets.UTF_8);
    }

    private InstanceView view(String id, Optional<DesiredInstance> wanted, Optional<InstanceInfo> actual) {
        Optional<Observation> reported = status.lastReported(id);
        return new InstanceView(id, wanted.map(d -> d.target().name()).orElse(null),
                wanted.map(d -> d.placement() == null).orElse(false),
                actual.map(i -> i.powerState().name()).orElse(null),
                reported.map(o -> o.vmState().name()).orElse(null), reported.map(Observation::seq).orElse(null),
                wanted.map(DesiredInstance::fault).orElse(null));
    }
}
