package dev.stratus.agent.driver.libvirt;

import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Error;
import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * The process-wide libvirt event loop: {@code virEventRegisterDefaultImpl} once, then one daemon
 * thread running {@code virEventRunDefaultImpl}. It must run before the first connection is opened,
 * so that connections deliver domain events, close callbacks and keepalives. It also installs the
 * process-wide libvirt error callback.
 */
final class LibvirtEventLoop {

    private static final Logger LOG = Logger.getLogger(LibvirtEventLoop.class);
    /**
     * Receives libvirt's errors instead of its default handler, which prints every expected miss
     * ("Domain not found") to stderr; the errors still reach callers as exceptions. A static field,
     * so the native callback is never garbage-collected.
     */
    private static final Libvirt.VirErrorCallback ERRORS =
            (userData, error) -> LOG.debugf("libvirt: %s", new Error(error).getMessage());
    private static Thread thread;

    private LibvirtEventLoop() {
    }

    /** Registers the default event implementation and starts the loop thread, once per process. */
    static synchronized void ensureRunning() throws LibvirtException {
        if (thread != null) {
            return;
        }
        Connect.setErrorCallback(ERRORS);
        Library.initEventLoop();
        thread = new Thread(LibvirtEventLoop::run, "libvirt-event-loop");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Library.runEventLoop();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (LibvirtException | RuntimeException e) {
                LOG.warnf(e, "libvirt event loop iteration failed; continuing");
            }
        }
    }
}
