package dev.stratus.cli.transfer;

import dev.stratus.cli.watch.ManualTicker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    @Test
    void withoutATerminalALinePerTenthThenTheTotal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ManualTicker ticker = new ManualTicker();
        long total = 10 * 1024 * 1024;
        ProgressBar bar = new ProgressBar("upload disk.qcow2", total, new PrintStream(bytes, true,
                StandardCharsets.UTF_8), false, ticker);
        for (int i = 0; i < 40; i++) {
            ticker.now += 100_000_000L; // 0.1 s per 256 KiB: 2.5 MiB/s
            bar.advance(256 * 1024);
        }
        bar.finish();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(11, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("   2% 256.0 KiB / 10.0 MiB"), lines.get(0));
        assertTrue(lines.get(1).endsWith("]  10% 1.0 MiB / 10.0 MiB  2.5 MiB/s  ETA 4s"), lines.get(1));
        assertTrue(lines.get(5).startsWith("upload disk.qcow2 [############------------]  50% 5.0 MiB"),
                lines.get(5));
        assertEquals("upload disk.qcow2 [########################] 100% 10.0 MiB / 10.0 MiB  2.5 MiB/s  ETA 0s",
                lines.get(10));
    }

    @Test
    void onATerminalOneLineRedrawnAtMostTenTimesASecond() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ManualTicker ticker = new ManualTicker();
        ProgressBar bar = new ProgressBar("download x", 1000, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                true, ticker);
        for (int i = 0; i < 100; i++) {
            ticker.now += 10_000_000L; // 10 ms apart: 1 s in all
            bar.advance(10);
        }
        bar.finish();
        String out = bytes.toString(StandardCharsets.UTF_8);
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 12, "redraws: " + redraws);
        assertEquals(1, out.chars().filter(c -> c == '\n').count(), "one line, redrawn");
    }

    @Test
    void sizes() {
        assertEquals("512 B", Bytes.size(512));
        assertEquals("1.5 KiB", Bytes.size(1536));
        assertEquals("2.0 GiB", Bytes.size(2L << 30));
        assertEquals("1m05s", Bytes.duration(65));
        assertEquals("2h00m", Bytes.duration(7200));
    }
}
