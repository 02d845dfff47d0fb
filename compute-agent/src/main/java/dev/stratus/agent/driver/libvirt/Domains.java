package dev.stratus.agent.driver.libvirt;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.Error;
import org.libvirt.LibvirtException;

/** Domain handle chores: lookups that tolerate absence, expected errors, explicit frees. */
final class Domains {

    private static final Logger LOG = Logger.getLogger(Domains.class);

    /** A libvirt operation on a domain. */
    interface Action {
        void run() throws LibvirtException;
    }

    private Domains() {
    }

    /** The domain named {@code name}, or null if there is none; the caller frees it. */
    static Domain lookup(Connect connection, String name) throws LibvirtException {
        try {
            return connection.domainLookupByName(name);
        } catch (LibvirtException e) {
            if (is(e, Error.ErrorNumber.VIR_ERR_NO_DOMAIN)) {
                return null;
            }
            throw e;
        }
    }

    /** Runs {@code action}, treating the error {@code expected} as success (e.g. destroying a stopped domain). */
    static void ignoring(Error.ErrorNumber expected, Action action) throws LibvirtException {
        try {
            action.run();
        } catch (LibvirtException e) {
            if (!is(e, expected)) {
                throw e;
            }
        }
    }

    static boolean is(LibvirtException e, Error.ErrorNumber code) {
        return e.getError() != null && e.getError().getCode() == code;
    }

    /** Frees the native handle of {@code domain}; never throws. */
    static void free(Domain domain) {
        if (domain == null) {
            return;
        }
        try {
            domain.free();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("freeing domain handle: %s", e.getMessage());
        }
    }
}
