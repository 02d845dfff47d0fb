package dev.stratus.cli.transfer;

import dev.stratus.cli.watch.Ticker;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A transfer's progress on stderr: bytes done and total, percentage, rate and ETA. On a terminal one line is redrawn
 * at most ten times a second; otherwise (stderr captured to a file or a pipe) a line is printed at every tenth of the
 * transfer, so a log shows it as well. Safe to feed from the HTTP client's threads.
 */
public final class ProgressBar {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final Ticker ticker;
    private final long start;
    private long done;
    private long lastDraw;
    private int lastTenth = -1;
    private boolean finished;

    public ProgressBar(String label, long total, PrintStream err, boolean terminal, Ticker ticker) {
        this.label = label;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.ticker = ticker;
        this.start = ticker.nanos();
        this.lastDraw = start - REDRAW_NANOS;
    }

    public synchronized void advance(long bytes) {
        done += bytes;
        long now = ticker.nanos();
        if (terminal) {
            if (now - lastDraw >= REDRAW_NANOS) {
                err.print("\r" + line(now) + "\033[K");
                err.flush();
                lastDraw = now;
            }
        } else {
            int tenth = total > 0 ? (int) Math.min(10, done * 10 / total) : 0;
            if (tenth > lastTenth && tenth < 10) {
                err.println(line(now));
                lastTenth = tenth;
            }
        }
    }

    /** The last line, at 100% (or where the transfer stopped), with the average rate. */
    public synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        String line = line(ticker.nanos());
        err.println(terminal ? "\r" + line + "\033[K" : line);
        err.flush();
    }

    public synchronized long done() {
        return done;
    }

    String line(long now) {
        double seconds = Math.max((now - start) / 1e9, 1e-3);
        double rate = done / seconds;
        if (total <= 0) { // a size nobody told: what went and how fast
            return String.format(Locale.ROOT, "%s %s  %s/s", label, Bytes.size(done), Bytes.size((long) rate));
        }
        double fraction = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        String eta = rate > 0 && total > done ? Bytes.duration((long) Math.ceil((total - done) / rate)) : "0s";
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s / %s  %s/s  ETA %s", label, "#".repeat(filled),
                "-".repeat(WIDTH - filled), (int) Math.floor(fraction * 100), Bytes.size(done), Bytes.size(total),
                Bytes.size((long) rate), eta);
    }
}
