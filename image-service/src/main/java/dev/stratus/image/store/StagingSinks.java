package dev.stratus.image.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/** The consumers of a {@link StagedUpload}: the temporary file and the two digests. */
final class StagingSinks {
    private StagingSinks() {
    }

    /** What a consumer does with each batch, at the end, and on abort. */
    interface Sink {
        void accept(ByteBuffer data) throws IOException;

        byte[] finish() throws IOException;

        void abort();
    }

    /** Writes batches to the temporary file. */
    record FileSink(FileChannel channel, Path file) implements Sink {
        @Override
        public void accept(ByteBuffer data) throws IOException {
            while (data.hasRemaining()) {
                channel.write(data);
            }
        }

        @Override
        public byte[] finish() throws IOException {
            channel.close();
            return new byte[0];
        }

        @Override
        public void abort() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file goes anyway
            }
            deleteQuietly(file);
        }

        static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // dropped again at the next start (InterruptedUploadRecovery)
            }
        }
    }

    /** Feeds batches to one digest. */
    record DigestSink(MessageDigest digest) implements Sink {
        @Override
        public void accept(ByteBuffer data) {
            digest.update(data);
        }

        @Override
        public byte[] finish() {
            return digest.digest();
        }

        @Override
        public void abort() {
        }
    }
}
