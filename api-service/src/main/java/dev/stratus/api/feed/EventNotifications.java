package dev.stratus.api.feed;

import dev.stratus.api.config.ApiConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The one connection of this api-service that LISTENs on PostgreSQL channel {@value #CHANNEL} (see
 * V12__event_feed_notify.sql), on a thread of its own, and tells {@link EventWakeups} which project's transaction
 * committed. Every replica holds its own, and PostgreSQL delivers each NOTIFY to all of them.
 *
 * <p>A plain JDBC connection from the datasource's URL and credentials, outside the pool: it is held for the life of
 * the service, and the pool's checks and limits are for short borrows. It waits in
 * {@code PGConnection.getNotifications}; after {@value #QUIET_CHECK_MILLIS} ms without a notification it checks the
 * connection answers (a peer gone without a word would otherwise keep it waiting for ever). A lost connection is
 * logged once, the waiters fall back to the poll interval, and it reconnects after 0.1, 0.2, 0.4... up to 10 s.
 */
@ApplicationScoped
public class EventNotifications {
    static final String CHANNEL = "stratus_events";
    /** How the connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "stratus-event-wakeups";
    private static final Logger LOG = Logger.getLogger(EventNotifications.class);
    private static final int QUIET_CHECK_MILLIS = 10_000;
    private static final int ANSWER_SECONDS = 5;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    @Inject
    EventWakeups wakeups;
    @Inject
    ApiConfig config;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private volatile boolean running;
    private volatile Connection current;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!config.eventsListen()) {
            LOG.infof("event feed: stratus.api.events-listen is off; followers read again every %s",
                    config.eventsPollInterval());
            return;
        }
        running = true;
        thread = new Thread(this::run, "event-notifications");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt(); // a pause between attempts
        }
        Connection connection = current;
        if (connection != null) {
            try {
                connection.abort(Runnable::run); // ends the wait in getNotifications
            } catch (SQLException e) {
                LOG.debugf("event feed: closing the LISTEN connection: %s", e.getMessage());
            }
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        long lostAt = 0;
        boolean firstTime = true;
        while (running) {
            try (Connection connection = connect()) {
                current = connection;
                wakeups.listening(listen(connection));
                if (lostAt != 0) {
                    LOG.infof("event feed: listening on %s again after %d ms", CHANNEL,
                            (System.nanoTime() - lostAt) / 1_000_000);
                } else if (firstTime) {
                    LOG.infof("event feed: listening on %s; followers are woken by commits", CHANNEL);
                }
                firstTime = false;
                lostAt = 0;
                retry = FIRST_RETRY;
                receive(connection);
            } catch (SQLException | RuntimeException e) {
                wakeups.notListening();
                if (!running) {
                    return;
                }
                if (lostAt == 0) {
                    lostAt = System.nanoTime();
                    LOG.warnf("event feed: no LISTEN connection (%s); followers read again every %s until it is"
                            + " back, retrying", e.getMessage(), config.eventsPollInterval());
                } else {
                    LOG.debugf("event feed: LISTEN connection still down: %s", e.getMessage());
                }
                if (!pause(retry)) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
            } finally {
                current = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(name -> properties.setProperty("user", name));
        password.ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(true);
        return connection;
    }

    /**
     * LISTENs (in effect once committed, i.e. at once in autocommit); returns the newest transaction that may have
     * committed before, unnoticed: every later commit is notified.
     */
    private static long listen(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
            try (ResultSet row = statement.executeQuery(
                    "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
                row.next();
                return row.getLong(1) - 1;
            }
        }
    }

    private void receive(Connection connection) throws SQLException {
        PGConnection listener = connection.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] notifications = listener.getNotifications(QUIET_CHECK_MILLIS);
            if (notifications == null || notifications.length == 0) {
                if (running && !connection.isValid(ANSWER_SECONDS)) {
                    throw new SQLException("PostgreSQL did not answer within " + ANSWER_SECONDS + " s");
                }
                continue;
            }
            for (PGNotification notification : notifications) {
                if (CHANNEL.equals(notification.getName())) {
                    deliver(notification.getParameter());
                }
            }
        }
    }

    /** {@code <xid>:<project id>}, as the trigger sends it; anything else is not ours and ignored. */
    private void deliver(String payload) {
        int colon = payload.indexOf(':');
        try {
            wakeups.committed(payload.substring(colon + 1), Long.parseLong(payload.substring(0, colon)));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            LOG.debugf("event feed: ignored a notification not of the trigger: %s", payload);
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
