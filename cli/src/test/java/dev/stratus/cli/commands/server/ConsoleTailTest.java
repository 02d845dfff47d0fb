package dev.stratus.cli.commands.server;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleTailTest {
    @Test
    void onlyWhatIsNew() {
        assertEquals("boot\n", ConsoleTail.fresh("", "boot\n"));
        assertEquals("", ConsoleTail.fresh("boot\n", "boot\n"));
        assertEquals("login:\n", ConsoleTail.fresh("boot\n", "boot\nlogin:\n"));
    }

    @Test
    void aWindowThatMovedOn() {
        String before = "x".repeat(300) + "line 1\n";
        String after = "x".repeat(250) + "line 1\nline 2\n"; // the API's window dropped 50 old characters
        assertEquals("line 2\n", ConsoleTail.fresh(before, after));
        assertEquals("other\n", ConsoleTail.fresh(before, "other\n"));
    }
}
