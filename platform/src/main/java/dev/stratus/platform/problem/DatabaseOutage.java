package dev.stratus.platform.problem;

import java.sql.SQLException;

/**
 * Tells a database that cannot be reached (down, restarting, refusing connections) from a bug: a request that fails
 * for it is a 503 with {@code Retry-After}, never a 500. Recognised by the JDBC SQLState classes 08 (connection
 * exception) and 57P (operator intervention: the server is shutting down or starting), and by a connection pool that
 * could not hand out a connection.
 */
final class DatabaseOutage {
    private DatabaseOutage() {
    }

    /** What says the database is out of reach in {@code error}'s causes, or null if it is something else. */
    static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return "SQLState " + sql.getSQLState();
            }
            String message = t.getMessage();
            if (message != null && (message.contains("Acquisition timeout") || message.contains("Connection refused")
                    || message.contains("Unable to acquire JDBC Connection"))) {
                return t.getClass().getSimpleName();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
