package dev.stratus.agent.driver.libvirt;

import org.jboss.logging.Logger;
import org.libvirt.Library;
import org.libvirt.LibvirtException;

/**
 * The process-wide libvirt event loop: {@code virEventRegisterDefaultImpl} once, then one daemon
 * thread running {@code virEventRunDefaultImpl}. It must run before the first connection is opened,
 * so that connections deliver domain events, close callbacks and keepalives.
 */
final class LibvirtEventLoop {

    private static final Logger LOG = Logger.getLogger(LibvirtEventLoop.class);
    private static Thread thread;

    private LibvirtEventLoop() {
    }

    /** Registers the default event implementation and starts the loop thread, once per process. */
    static synchronized void ensureRunning() throws LibvirtException {
        if (thread != null) {
            return;
        }
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
