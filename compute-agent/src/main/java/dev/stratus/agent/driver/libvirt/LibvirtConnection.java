package dev.stratus.agent.driver.libvirt;

import dev.stratus.agent.driver.DriverException;
import org.jboss.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.event.ConnectionCloseListener;
import org.libvirt.event.DomainEvent;
import org.libvirt.event.LifecycleListener;
import org.libvirt.event.RebootListener;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One libvirt connection that survives libvirtd restarts. It is opened on first use; a close
 * callback or a failed call on a dead connection drops it, and it is reopened on the next call or by
 * a background retry every {@link #RETRY_SECONDS} seconds. Domain lifecycle events and reconnects
 * are reported by domain name to {@code domainChanged}, guest resets (libvirt's reboot event) to {@code domainReset}
 * and then to {@code domainChanged} (on the libvirt event-loop thread).
 */
final class LibvirtConnection implements AutoCloseable {

    /** Interval of the keepalive probe, and the probes missed before the connection counts as dead. */
    private static final int KEEPALIVE_INTERVAL_SECONDS = 5;
    private static final int KEEPALIVE_COUNT = 3;
    private static final int RETRY_SECONDS = 2;
    private static final Logger LOG = Logger.getLogger(LibvirtConnection.class);

    /** Work done on an open connection. */
    interface Call<T> {
        T apply(NativeConnect connection) throws LibvirtException;
    }

    private final String uri;
    private final Consumer<String> domainChanged;
    private final Consumer<String> domainReset;
    private final Runnable reconnected;
    private final LifecycleListener lifecycle = this::onLifecycle;
    private final RebootListener reboot = this::onReboot;
    private final ConnectionCloseListener closed = this::onClosed;
    private final ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "libvirt-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private NativeConnect connection;
    private boolean everOpened;
    private boolean shutDown;

    /**
     * @param uri           libvirt URI, e.g. {@code qemu:///system}
     * @param domainChanged told the name of each domain with a lifecycle event
     * @param domainReset   told the name of each domain whose guest was reset (rebooted), before domainChanged
     * @param reconnected   run after a lost connection was opened again (events may have been missed)
     */
    LibvirtConnection(String uri, Consumer<String> domainChanged, Consumer<String> domainReset,
            Runnable reconnected) {
        this.uri = uri;
        this.domainChanged = domainChanged;
        this.domainReset = domainReset;
        this.reconnected = reconnected;
    }

    /** Runs {@code call} on the connection; if it failed because the connection died, reconnects and retries once. */
    <T> T call(Call<T> call) throws LibvirtException {
        NativeConnect current = open();
        try {
            return call.apply(current);
        } catch (LibvirtException e) {
            if (isAlive(current)) {
                throw e;
            }
            LOG.warnf("libvirt connection to %s lost (%s); reconnecting", uri, e.getMessage());
            drop(current);
            return call.apply(open());
        }
    }

    /** The open connection, opening it if needed. */
    synchronized NativeConnect open() {
        if (shutDown) {
            throw new DriverException("libvirt connection to " + uri + " is closed");
        }
        if (connection != null) {
            return connection;
        }
        NativeConnect opened = null;
        try {
            LibvirtEventLoop.ensureRunning();
            opened = new NativeConnect(uri);
            opened.setKeepAlive(KEEPALIVE_INTERVAL_SECONDS, KEEPALIVE_COUNT);
            opened.registerCloseListener(closed);
            opened.addLifecycleListener(lifecycle);
            opened.addRebootListener(reboot);
        } catch (LibvirtException e) {
            closeQuietly(opened);
            throw new DriverException("cannot connect to libvirt at " + uri + " (is libvirtd running and are we "
                    + "allowed to use it?): " + e.getMessage(), e);
        }
        connection = opened;
        boolean reopened = everOpened;
        everOpened = true;
        if (reopened) {
            LOG.infof("reconnected to libvirt at %s", uri);
            retry.execute(reconnected);
        }
        return connection;
    }

    /**
     * Opens the connection now so that events flow; if libvirt is unreachable, keeps retrying in the
     * background instead of failing.
     */
    void openOrRetry() {
        try {
            open();
        } catch (DriverException e) {
            LOG.warnf("%s; retrying every %d s", e.getMessage(), RETRY_SECONDS);
            retry.schedule(this::reconnectUntilOpen, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private int onLifecycle(Domain domain, DomainEvent event) {
        String name = nameOf(domain, event);
        if (name != null) {
            tell(domainChanged, name);
        }
        return 0;
    }

    private void onReboot(Domain domain) {
        String name = nameOf(domain, "reboot");
        if (name != null) {
            tell(domainReset, name);
            tell(domainChanged, name);
        }
    }

    private static String nameOf(Domain domain, Object event) {
        try {
            return domain.getName();
        } catch (LibvirtException e) {
            LOG.warnf("event %s for a domain without a name: %s", event, e.getMessage());
            return null;
        } finally {
            Domains.free(domain);
        }
    }

    private static void tell(Consumer<String> listener, String name) {
        try {
            listener.accept(name);
        } catch (RuntimeException e) {
            LOG.warnf(e, "domain event listener failed for domain %s", name);
        }
    }

    private void onClosed(Connect closedConnection, org.libvirt.event.ConnectionCloseReason reason) {
        LOG.warnf("libvirt connection to %s closed: %s", uri, reason);
        synchronized (this) {
            if (connection != closedConnection || shutDown) {
                return;
            }
        }
        retry.execute(() -> {
            drop(closedConnection);
            reconnectUntilOpen();
        });
    }

    private void reconnectUntilOpen() {
        try {
            open();
        } catch (DriverException e) {
            synchronized (this) {
                if (shutDown) {
                    return;
                }
            }
            LOG.debugf("libvirt still unreachable: %s", e.getMessage());
            retry.schedule(this::reconnectUntilOpen, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private synchronized void drop(Connect dead) {
        if (connection == dead) {
            connection = null;
            release(dead);
        }
    }

    private void release(Connect dead) {
        try {
            dead.removeLifecycleListener(lifecycle);
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("removing lifecycle listener: %s", e.getMessage());
        }
        try {
            dead.unregisterCloseListener();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("unregistering close listener: %s", e.getMessage());
        }
        closeQuietly(dead);
    }

    private static boolean isAlive(Connect connection) {
        try {
            return connection.isAlive();
        } catch (LibvirtException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(Connect connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (LibvirtException | RuntimeException e) {
            LOG.debugf("closing libvirt connection: %s", e.getMessage());
        }
    }

    @Override
    public void close() {
        NativeConnect last;
        synchronized (this) {
            shutDown = true;
            last = connection;
            connection = null;
        }
        retry.shutdownNow();
        if (last != null) {
            release(last);
        }
    }
}
