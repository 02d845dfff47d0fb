package dev.stratus.cli.watch;

import java.time.Duration;

/** A duration as the user wrote it: {@code 300ms}, {@code 90s}, {@code 10m}, {@code 1h30m}. */
public final class Durations {
    private Durations() {
    }

    public static String text(Duration d) {
        if (d.toMillis() < 1000 || d.toMillisPart() != 0) {
            return d.toMillis() < 1000 ? d.toMillis() + "ms" : d.toMillis() / 1000.0 + "s";
        }
        long s = d.toSeconds();
        if (s < 60 || s % 60 != 0) {
            return s + "s";
        }
        long m = s / 60;
        if (m < 60 || m % 60 != 0) {
            return m >= 60 ? m / 60 + "h" + m % 60 + "m" : m + "m";
        }
        return m / 60 + "h";
    }
}
