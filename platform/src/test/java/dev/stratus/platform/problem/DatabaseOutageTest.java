package dev.stratus.platform.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DatabaseOutageTest {
    @Test
    void aDatabaseOutOfReachIsRecognisedThroughWrappers() {
        assertEquals("SQLState 08001", DatabaseOutage.describe(new RuntimeException("tx failed",
                new IllegalStateException(new SQLException("connect failed", "08001")))));
        assertEquals("SQLState 57P01", DatabaseOutage.describe(new SQLException("terminating connection due to"
                + " administrator command", "57P01")));
        assertEquals("RuntimeException", DatabaseOutage.describe(new RuntimeException(
                "Unable to acquire JDBC Connection [Acquisition timeout while waiting for new connection]")));
    }

    @Test
    void otherFailuresAreNotAnOutage() {
        assertNull(DatabaseOutage.describe(new SQLException("duplicate key", "23505")));
        assertNull(DatabaseOutage.describe(new NullPointerException()));
    }
}
