package dev.stratus.cli;

import dev.stratus.cli.watch.Durations;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationConverterTest {
    private final DurationConverter converter = new DurationConverter();

    @Test
    void shortForms() {
        assertEquals(Duration.ofSeconds(90), converter.convert("90"));
        assertEquals(Duration.ofSeconds(90), converter.convert("90s"));
        assertEquals(Duration.ofMillis(300), converter.convert("300ms"));
        assertEquals(Duration.ofMinutes(10), converter.convert("10m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofMinutes(2), converter.convert("PT2M"));
        assertThrows(TypeConversionException.class, () -> converter.convert("soon"));
    }

    @Test
    void printedAsWritten() {
        assertEquals("300ms", Durations.text(Duration.ofMillis(300)));
        assertEquals("90s", Durations.text(Duration.ofSeconds(90)));
        assertEquals("10m", Durations.text(Duration.ofMinutes(10)));
        assertEquals("1h30m", Durations.text(Duration.ofMinutes(90)));
        assertEquals("2h", Durations.text(Duration.ofHours(2)));
        assertEquals("1.5s", Durations.text(Duration.ofMillis(1500)));
    }
}
