package dev.cairn.runtime.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prediction log's files: {@code predictions.jsonl} being written and {@code predictions-NNNNNN.jsonl} rotated
 * out of it by size, numbered upwards, the oldest deleted beyond a count.
 */
final class LogFiles implements AutoCloseable {

    static final String CURRENT = "predictions.jsonl";
    private static final Pattern ROTATED = Pattern.compile("predictions-(\\d{1,18})\\.jsonl");

    /** A file opened for reading, and how many of its bytes belong to the snapshot. */
    record Part(Path path, InputStream in, long length) {
    }

    private final Path dir;
    private final Path current;
    private final long maxFileBytes;
    private final int maxFiles;
    // Held by the writer while it writes or rotates and by readers while they open files, so that a reader never
    // sees the current file renamed between listing the rotated files and opening the current one.
    private final ReentrantLock lock = new ReentrantLock();
    private OutputStream out;
    private long size;
    private long nextNumber;

    private LogFiles(Path dir, long maxFileBytes, int maxFiles) throws IOException {
        this.dir = dir;
        this.current = dir.resolve(CURRENT);
        this.maxFileBytes = maxFileBytes;
        this.maxFiles = maxFiles;
        TreeMap<Long, Path> rotated = rotated();
        nextNumber = rotated.isEmpty() ? 1 : rotated.lastKey() + 1;
        dropPartialLastLine(current);
        openCurrent();
    }

    static LogFiles open(Path dir, long maxFileBytes, int maxFiles) throws IOException {
        return new LogFiles(dir, maxFileBytes, maxFiles);
    }

    /** Writes one whole line, first rotating when it would take the current file past the size limit. */
    void write(ByteArrayOutputStream line) throws IOException {
        int length = line.size();
        lock.lock();
        try {
            if (out == null) {
                openCurrent(); // an earlier rotation failed half-way
            }
            if (size > 0 && size + length > maxFileBytes) {
                rotate();
            }
            line.writeTo(out);
            size += length;
        } finally {
            lock.unlock();
        }
    }

    void flush() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Opens the rotated files last modified at or after {@code notBefore} (all when null), oldest first, then the
     * current file up to its present length; the caller closes the parts. Files that vanish meanwhile are left out.
     */
    List<Part> snapshot(Instant notBefore) throws IOException {
        List<Part> parts = new ArrayList<>();
        lock.lock();
        try {
            for (Path file : rotated().values()) {
                try {
                    if (notBefore == null || !Files.getLastModifiedTime(file).toInstant().isBefore(notBefore)) {
                        parts.add(new Part(file, Files.newInputStream(file), Long.MAX_VALUE));
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // Something other than the writer removed it; there is nothing left to read.
                }
            }
            try {
                InputStream in = Files.newInputStream(current);
                parts.add(new Part(current, in, Files.size(current)));
            } catch (NoSuchFileException notYetCreated) {
                // The writer recreates it on its next line.
            }
        } catch (IOException | RuntimeException e) {
            closeAll(parts);
            throw e;
        } finally {
            lock.unlock();
        }
        return parts;
    }

    static void closeAll(List<Part> parts) {
        for (Part part : parts) {
            try {
                part.in().close();
            } catch (IOException ignored) {
                // Read-only streams; nothing is lost.
            }
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private void rotate() throws IOException {
        out.close();
        out = null;
        Path target = dir.resolve(String.format("predictions-%06d.jsonl", nextNumber));
        Files.move(current, target);
        nextNumber++;
        openCurrent();
        try {
            TreeMap<Long, Path> rotated = rotated();
            while (rotated.size() > maxFiles) {
                Files.deleteIfExists(rotated.pollFirstEntry().getValue());
            }
        } catch (IOException e) {
            // The line still goes out; every rotation deletes all files beyond the count, so this is tried again.
        }
    }

    private void openCurrent() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(current, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND), 1 << 16);
        size = Files.size(current);
    }

    /** The rotated files by number; sorted as numbers, so that numbering may grow past six digits. */
    private TreeMap<Long, Path> rotated() throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "predictions-*.jsonl")) {
            for (Path entry : entries) {
                Matcher matcher = ROTATED.matcher(entry.getFileName().toString());
                if (matcher.matches()) {
                    files.put(Long.parseLong(matcher.group(1)), entry);
                }
            }
        }
        return files;
    }

    /**
     * Cuts off a line left unfinished by a crash, so that the next line does not run into it and readers never see
     * broken JSON; a partial line holds no usable entry.
     */
    private static void dropPartialLastLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            long end = channel.size();
            while (end > 0) {
                long start = Math.max(0, end - buffer.capacity());
                buffer.clear().limit((int) (end - start));
                while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                    // read until the block is full
                }
                for (int i = buffer.position() - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        channel.truncate(start + i + 1);
                        return;
                    }
                }
                end = start;
            }
            channel.truncate(0);
        }
    }
}
