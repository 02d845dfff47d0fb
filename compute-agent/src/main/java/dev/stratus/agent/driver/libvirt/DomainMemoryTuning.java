package dev.stratus.agent.driver.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUlongParameter;
import org.libvirt.jna.virTypedParameter;

import java.util.UUID;

/**
 * Sets the memory hard limit of a running domain ({@code virDomainSetMemoryParameters} with
 * {@code hard_limit}, live only), which libvirt writes to the domain's memory cgroup
 * ({@code memory.limit_in_bytes}). libvirt-java 0.5.4 has no binding for it, so it is bound here
 * through JNA. It cannot go into the definition: at start libvirt would also raise RLIMIT_MEMLOCK to
 * it, which fails on these hosts ("cannot limit locked memory").
 */
final class DomainMemoryTuning {

    /** {@code VIR_DOMAIN_AFFECT_LIVE}: the running domain only, never the persistent definition. */
    private static final int AFFECT_LIVE = 1;
    private static final String HARD_LIMIT = "hard_limit";
    /**
     * {@code VIR_DOMAIN_MEMORY_PARAM_UNLIMITED}: no hard limit. Set before a managed save: the saved image keeps the
     * live definition, and restoring one with a hard limit fails like a start with one does.
     */
    static final long UNLIMITED_KIB = 9007199254740991L;

    interface LibvirtNative extends Library {
        Pointer virDomainLookupByUUIDString(Pointer connection, String uuid);

        int virDomainSetMemoryParameters(Pointer domain, virTypedParameter[] params, int nparams, int flags);

        int virDomainFree(Pointer domain);

        String virGetLastErrorMessage();
    }

    private static final LibvirtNative LIBVIRT = Native.load("virt", LibvirtNative.class);

    private DomainMemoryTuning() {
    }

    /** Applies the hard limit recorded in the domain's Stratus metadata (after each start). */
    static void applyCap(NativeConnect connection, Domain domain) throws LibvirtException {
        StratusMetadata metadata = StratusMetadata.of(domain)
                .orElseThrow(() -> new IllegalStateException("domain has no Stratus metadata"));
        setHardLimit(connection, UUID.fromString(metadata.instanceId()), metadata.memoryCapKib());
    }

    /**
     * Limits the running domain {@code uuid} to {@code hardLimitKib} KiB of memory (guest RAM plus
     * QEMU's own overhead).
     *
     * @throws IllegalStateException with libvirt's message if libvirt refuses
     */
    static void setHardLimit(NativeConnect connection, UUID uuid, long hardLimitKib) {
        Pointer domain = LIBVIRT.virDomainLookupByUUIDString(connection.pointer(), uuid.toString());
        if (domain == null) {
            throw new IllegalStateException("no domain " + uuid + ": " + LIBVIRT.virGetLastErrorMessage());
        }
        try {
            virTypedParameter[] params = {TypedParameter.toNative(new TypedUlongParameter(HARD_LIMIT, hardLimitKib))};
            if (LIBVIRT.virDomainSetMemoryParameters(domain, params, params.length, AFFECT_LIVE) < 0) {
                throw new IllegalStateException("cannot set memory hard limit of " + uuid + " to " + hardLimitKib
                        + " KiB: " + LIBVIRT.virGetLastErrorMessage());
            }
        } finally {
            LIBVIRT.virDomainFree(domain);
        }
    }
}
