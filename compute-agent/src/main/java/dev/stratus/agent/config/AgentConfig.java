package dev.stratus.agent.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Configuration of one compute agent (one per hypervisor host). */
@ConfigMapping(prefix = "stratus.agent")
public interface AgentConfig {

    /**
     * The host name this agent serves, as the scheduler knows it: placements whose {@code host} equals it are
     * built here, and every {@code HostReport} carries it. Default: this machine's host name.
     */
    Optional<String> host();

    /** The URL at which the control plane reaches this agent (sent in host reports). */
    @WithDefault("http://localhost:8082")
    String agentUrl();

    /** Base URL of image-service; images are read from {@code <url>/v1/images/{id}} and {@code .../file}. */
    @WithDefault("http://localhost:8083")
    String imageServiceUrl();

    /**
     * Base URL of api-service, which issues this agent's token ({@code POST /v1/auth/tokens}) and says what should
     * run on this host (see {@link #desiredStateSyncInterval()}; the typed client
     * {@code dev.stratus.agent.client.ApiServiceClient}, config key {@code api-service}).
     */
    @WithDefault("http://localhost:8080")
    String identityUrl();

    /** The agent's service user (role {@code service}); see {@link #servicePassword()}. */
    @WithDefault("compute-agent")
    String serviceUser();

    /** The project the service user's token is scoped to. */
    @WithDefault("service")
    String serviceProject();

    /**
     * Password of {@link #serviceUser()} (env {@code STRATUS_AGENT_SERVICE_PASSWORD}; {@code ./stratus up} passes
     * the one it generated). Unset: the agent sends no token to image-service.
     */
    Optional<String> servicePassword();

    /**
     * Which hypervisor driver builds the domains: {@code libvirt} (the real one, see {@link #libvirtUri()},
     * {@link #virtType()}, {@link #machineType()}) or {@code fake} (in-memory, only present on the test
     * classpath).
     */
    @WithDefault("libvirt")
    String driver();

    /** libvirt connection URI, e.g. {@code qemu:///system}, or {@code test:///default} for simulations. */
    @WithDefault("qemu:///system")
    String libvirtUri();

    /**
     * Hypervisor type of the domains: {@code qemu} (TCG, software emulation) or {@code kvm} (hardware
     * acceleration). Configuration, never a guess: on the development machines standard guests hang under kvm.
     */
    @WithDefault("qemu")
    String virtType();

    /** QEMU machine type of the domains, e.g. {@code pc} or {@code q35}. */
    @WithDefault("pc")
    String machineType();

    /**
     * Local state: instance files in {@code <state-dir>/instances/<id>/} (disk.qcow2 overlay, console.log) and
     * the image cache in {@code <state-dir>/images/<sha256>}. Must be readable by the QEMU user.
     */
    @WithDefault("/var/lib/stratus/agent")
    Path stateDir();

    /**
     * Memory the host allows a domain beyond its flavor RAM (QEMU's own overhead), in MiB: the domain's
     * memory hard limit is flavor RAM + this.
     */
    @WithDefault("256")
    long memoryOverheadMb();

    /**
     * How long a guest may take to obey an ACPI request before the agent forces it: a STOP (ACPI shutdown) is then
     * powered off, a SOFT_REBOOT (ACPI reboot) reset. The agent never waits on a thread for it: it asks, and checks
     * again when the period is over (or as soon as the domain changes). A FORCE_STOP and a HARD_REBOOT do not wait.
     * Default {@code 60s}, like Nova's {@code shutdown_timeout}; guests that ignore ACPI (no acpid) always take this
     * long to stop.
     */
    @WithDefault("60s")
    Duration shutdownGrace();

    /**
     * Kernel command line for instances booted from a kernel and ramdisk image (ignored for BIOS boot).
     * {@code no_timer_check}: under TCG on a loaded host the guest kernel's IO-APIC timer check can time out and
     * panic ("IO-APIC + timer doesn't work!"); cloud images skip the check for the same reason.
     */
    @WithDefault("console=ttyS0 quiet no_timer_check")
    String kernelCmdline();

    /**
     * Most bytes the image cache ({@code <state-dir>/images}) keeps, e.g. {@code 20G}. Past it, cached images no
     * instance on this host uses (no overlay backed by it, no kernel or ramdisk of one) are deleted, least
     * recently used first; images in use are never deleted, so the cache may stay above the cap while they are.
     * Checked after each spawn and each delete. Default {@code 20G}.
     */
    @WithDefault("20G")
    MemorySize imageCacheMaxSize();

    /** How often the agent publishes a {@code HostReport} (capacity and the Stratus domains it has). */
    @WithDefault("5s")
    Duration reportInterval();

    /**
     * How often every known instance and every Stratus domain libvirt shows is reconciled again, repairing
     * anything a lost event missed.
     */
    @WithDefault("30s")
    Duration resyncInterval();

    /**
     * How often the agent reads what the control plane wants on this host (api-service's
     * {@code GET /internal/v1/hosts/{host}/instances} at {@link #identityUrl()}, with the service user's token, see
     * {@link #servicePassword()}) and converges to it: instances it does not know are built, missed power requests
     * applied, instances the control plane deletes removed. Also done once at start-up, after the desired state is
     * recovered from the journal and libvirt, without delaying readiness. An unreachable api-service changes nothing
     * (a warning; the next period tries again). Complements {@link #resyncInterval()}, which converges the agent's own
     * desired state with libvirt. Default {@code 60s}.
     */
    @WithDefault("60s")
    Duration desiredStateSyncInterval();

    /**
     * Base URL of network-service: the agent reads each port's firewall from
     * {@code <url>/internal/v1/ports/{id}/firewall} and reports ports ACTIVE, through the typed client
     * {@code dev.stratus.agent.client.NetworkServiceClient} (config key {@code network-service}, its timeouts and
     * circuit breaker in application.properties). Default {@code http://localhost:8084}.
     */
    @WithDefault("http://localhost:8084")
    String networkServiceUrl();

    /**
     * How often every local port's security group rules are read again from network-service and the firewall
     * re-rendered, repairing a lost {@code SecurityGroupChanged} event. Default 10 s.
     */
    @WithDefault("10s")
    Duration firewallResyncInterval();

    /**
     * The unix socket on which the agent serves the metadata service (169.254.169.254) to the metadata proxies of its
     * networks (haproxy in each {@code qdhcp-} namespace); only root may connect (mode 0600). The agent never serves
     * the metadata on its TCP port. At most 107 bytes as an absolute path. Default {@code <state-dir>/metadata.sock}
     * (see {@link MetadataSocket}).
     */
    Optional<Path> metadataSocket();

    /**
     * Whether this agent serves routers and floating IPs (its L3 role, Neutron's L3 agent): it reads the L3 state
     * from network-service ({@code <network-service-url>/internal/v1/l3}) and builds a {@code qrouter-<id>}
     * namespace per router, joined to its subnets' bridges and to the external namespace
     * ({@link #externalNamespace()}), with SNAT and floating-IP DNAT rules. On by default: one machine runs one agent.
     * With several hosts exactly one agent may have it on (see docs/networks.md, "Several hosts").
     */
    @WithDefault("true")
    boolean l3Enabled();

    /**
     * The namespace standing for "outside the cloud" (L3 role only): one bridge per external network, holding the
     * gateway address of its subnet, where users' tools and tests reach floating IPs. Several stacks on one machine
     * each need their own ({@code ./stratus up} passes {@code STRATUS_EXTERNAL_NAMESPACE}). Default
     * {@code stratus-ext}.
     */
    @WithDefault("stratus-ext")
    String externalNamespace();

    /**
     * How often the L3 role reads the whole L3 state again and converges (repairing a lost {@code RouterChanged},
     * or a namespace or rule removed behind its back). Default 10 s.
     */
    @WithDefault("10s")
    Duration l3ResyncInterval();
}
