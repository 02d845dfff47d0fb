package dev.stratus.cli.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Feeds every byte read to the checksums and the progress bar. */
public final class MeteredInputStream extends FilterInputStream {
    private final Checksums checksums;
    private final ProgressBar progress;

    public MeteredInputStream(InputStream in, Checksums checksums, ProgressBar progress) {
        super(in);
        this.checksums = checksums;
        this.progress = progress;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            checksums.update(b, off, n);
            progress.advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        return 0; // every byte must pass through the checksums
    }
}
