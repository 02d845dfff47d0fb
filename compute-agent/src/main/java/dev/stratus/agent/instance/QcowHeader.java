package dev.stratus.agent.instance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the backing file name from a qcow2 header (magic, version, backing_file_offset u64, backing_file_size u32). */
final class QcowHeader {
    private static final int MAGIC = 0x514649fb; // "QFI\xfb"
    private static final int MAX_NAME = 1023;

    private QcowHeader() {
    }

    /** The backing file the qcow2 names, or empty when it names none or is no qcow2. */
    static Optional<Path> backingFile(Path qcow2) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(qcow2)) {
            ByteBuffer header = read(channel, 0, 20);
            if (header.remaining() < 20 || header.getInt(0) != MAGIC) {
                return Optional.empty();
            }
            long offset = header.getLong(8);
            int size = header.getInt(16);
            if (offset == 0 || size <= 0 || size > MAX_NAME) {
                return Optional.empty();
            }
            ByteBuffer name = read(channel, offset, size);
            return Optional.of(Path.of(new String(name.array(), 0, name.limit(), StandardCharsets.UTF_8)));
        }
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // fill
        }
        return buffer.flip();
    }
}
