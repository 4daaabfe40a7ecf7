package dev.cairn.runtime.server;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The model server's log of predictions with their inputs, written as JSON lines by a background thread so that
 * requests never wait on the disk, and read back by time for drift analysis.
 *
 * <p>Each line of {@code predictions.jsonl} is one object, the time first (UTC, always with milliseconds, so that
 * times compare as text): {@code {"time", "id", "model", "version", "endpoint", "latency_ms", "inputs": [OIP
 * tensors], "outputs": [OIP outputs]}}; {@code id} and {@code version} are null when the request or model has none.
 * Outputs are mapped as {@link dev.cairn.runtime.codec.OipJson} maps them for a response. A tensor with more values
 * than {@link Settings#maxLoggedValues()} is written as {@code {"name", "shape", "datatype", "truncated": true,
 * "count", "head": [first 16 values]}}, plus {@code "min", "max", "mean"} over the values that are not NaN for
 * numeric types (null when there are none) and {@code "nan_count"} for floating-point ones.
 *
 * <p>When the file would grow past {@link Settings#maxFileBytes()} it is renamed to {@code predictions-NNNNNN.jsonl}
 * (numbers go up, also across restarts) and the oldest such files beyond {@link Settings#maxFiles()} are deleted.
 * When the queue is full, or the disk fails, entries are dropped and counted rather than holding up requests.
 */
public final class PredictionLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PredictionLog.class.getName());
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(5);
    // File systems that keep modification times in whole seconds (or two, FAT) round them down.
    private static final Duration MODIFIED_TIME_SLACK = Duration.ofSeconds(2);
    private static final Instant FIRST_TIME = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST_TIME = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final int BATCH = 512;
    private static final Object STOP = new Object();

    /**
     * How large the log may grow and how much it keeps.
     *
     * @param maxFileBytes the size at which the current file is rotated (one longer line still goes into a new file)
     * @param maxFiles how many rotated files are kept besides the current one
     * @param maxLoggedValues the most values of one tensor written out in full; larger ones are summarized
     * @param queueCapacity how many entries may wait for the writer before new ones are dropped
     */
    public record Settings(long maxFileBytes, int maxFiles, int maxLoggedValues, int queueCapacity) {

        /** Checks the limits. */
        public Settings {
            requireAtLeast("maxFileBytes", maxFileBytes, 1);
            requireAtLeast("maxFiles", maxFiles, 0);
            requireAtLeast("maxLoggedValues", maxLoggedValues, 0);
            requireAtLeast("queueCapacity", queueCapacity, 1);
        }

        /** 16 MiB files, 10 rotated files kept, tensors up to 4096 values in full, 1,000 entries queued. */
        public static Settings defaults() {
            // 1,000 waiting entries: a queued entry holds its full tensors until written, so this bounds the heap.
            return new Settings(16L << 20, 10, 4096, 1_000);
        }

        private static void requireAtLeast(String name, long value, long least) {
            if (value < least) {
                throw new IllegalArgumentException("prediction log setting " + name + " must be at least " + least
                        + ", got " + value);
            }
        }
    }

    /** Put through the queue by readers: the writer flushes when it reaches one, so all before it is on disk. */
    private record Barrier(CountDownLatch done) {
    }

    private final Path dir;
    private final LogFiles files;
    private final PredictionJson json;
    private final BlockingQueue<Object> queue;
    private final LongAdder dropped = new LongAdder();
    private final Thread writer;
    private volatile boolean closed;
    private boolean failing;
    private boolean encodingFailed;

    private PredictionLog(Path dir, LogFiles files, Settings settings) {
        this.dir = dir;
        this.files = files;
        this.json = new PredictionJson(settings.maxLoggedValues());
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writer = new Thread(this::writeLoop, "cairn-prediction-log");
        writer.setDaemon(true);
    }

    /**
     * Opens the log in {@code dir}, creating the folder, appending to the current file and numbering new rotated
     * files after the highest one there.
     *
     * @throws IOException when the folder cannot be created or the current file cannot be opened
     */
    public static PredictionLog open(Path dir, Settings settings) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("Cannot create the prediction log folder " + dir + " (" + e
                    + "); check that the path is a writable folder", e);
        }
        PredictionLog log = new PredictionLog(dir, LogFiles.open(dir, settings.maxFileBytes(), settings.maxFiles()),
                settings);
        log.writer.start();
        return log;
    }

    /** Queues a prediction for writing; drops it (see {@link #dropped()}) when the queue is full or the log closed. */
    public void append(Prediction prediction) {
        if (closed || !queue.offer(prediction)) {
            dropped.increment();
        }
    }

    /** How many predictions were not logged: queue full, log closed, or a failure to encode or write them. */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Writes the lines with a time at or after {@code since} (millisecond precision; null for all) as NDJSON, in the
     * order they were logged, at most {@code limit} of them ({@code limit <= 0} for all). Waits a few seconds at
     * most for predictions appended before the call to reach the file. Rotated files last modified before
     * {@code since} are skipped unread. {@code out} is flushed, not closed.
     */
    public void streamSince(Instant since, int limit, OutputStream out) throws IOException {
        awaitWritten();
        if (since != null && since.isAfter(LAST_TIME)) {
            return; // the fixed-width time text cannot hold it, and no line can be that late
        }
        Instant from = since == null || since.isBefore(FIRST_TIME) ? null : since;
        List<LogFiles.Part> parts = files.snapshot(from == null ? null : from.minus(MODIFIED_TIME_SLACK));
        try {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            LineFilter filter = new LineFilter(from == null ? null : PredictionJson.TIME.format(from),
                    limit <= 0 ? Long.MAX_VALUE : limit, buffered);
            for (LogFiles.Part part : parts) {
                if (filter.full()) {
                    break;
                }
                filter.copy(part.in(), part.length());
            }
            buffered.flush();
        } finally {
            LogFiles.closeAll(parts);
        }
    }

    /** Writes out what is queued, then stops the writer; calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            while (writer.isAlive() && !queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
                // The writer is draining a full queue; the stop marker goes in as soon as there is room.
            }
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the writer finishes on its own and closes the file
        }
        // Appends that passed the closed check as the writer stopped are left over.
        for (Object item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof Prediction) {
                dropped.increment();
            } else if (item instanceof Barrier barrier) {
                barrier.done().countDown();
            }
        }
    }

    /**
     * Reads a {@code since} parameter: an ISO-8601 instant ({@code 2026-11-23T10:15:30Z}, with or without fractions
     * of a second), or epoch milliseconds as digits; null or blank is null (from the start).
     *
     * @throws IllegalArgumentException for anything else, naming the accepted forms
     */
    public static Instant parseSince(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        try {
            if (trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Instant.ofEpochMilli(Long.parseLong(trimmed));
            }
            return Instant.parse(trimmed);
        } catch (NumberFormatException | DateTimeException e) {
            throw new IllegalArgumentException("'since' must be an ISO-8601 UTC instant such as 2026-11-23T10:15:30Z"
                    + " or 2026-11-23T10:15:30.123Z, or epoch milliseconds such as 1795428930123; got '" + text + "'");
        }
    }

    private void awaitWritten() throws IOException {
        if (closed || !writer.isAlive()) {
            return; // nothing is being written any more
        }
        Barrier barrier = new Barrier(new CountDownLatch(1));
        long deadline = System.nanoTime() + BARRIER_TIMEOUT.toNanos();
        try {
            // Past the timeout the reader gets what is on disk: a busy log must not stall a drift check for long.
            if (queue.offer(barrier, BARRIER_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                barrier.done().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the prediction log to be written");
        }
    }

    private void writeLoop() {
        List<Object> batch = new ArrayList<>(BATCH);
        List<Barrier> barriers = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(1 << 12);
        boolean stopping = false;
        try {
            while (!stopping) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    continue; // only close() stops the writer, so that queued entries are not lost
                }
                queue.drainTo(batch, BATCH - 1);
                for (Object item : batch) {
                    if (item == STOP) {
                        stopping = true;
                    } else if (item instanceof Barrier barrier) {
                        barriers.add(barrier);
                    } else {
                        write((Prediction) item, line);
                    }
                }
                batch.clear();
                if (stopping || !barriers.isEmpty() || queue.isEmpty()) {
                    flush();
                }
                barriers.forEach(barrier -> barrier.done().countDown());
                barriers.clear();
            }
        } finally {
            try {
                files.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Closing the prediction log in " + dir + " failed: " + e);
            }
        }
    }

    private void write(Prediction prediction, ByteArrayOutputStream line) {
        line.reset();
        try {
            json.writeLine(prediction, line);
        } catch (IOException | RuntimeException e) {
            dropped.increment();
            if (!encodingFailed) {
                encodingFailed = true; // once is enough to find the cause; further ones are counted in dropped()
                LOG.log(Level.WARNING, "A prediction of model '" + prediction.model()
                        + "' could not be written as JSON and was dropped", e);
            }
            return;
        }
        try {
            files.write(line);
            recovered();
        } catch (IOException e) {
            dropped.increment();
            failed(e);
        }
    }

    private void flush() {
        try {
            files.flush();
        } catch (IOException e) {
            failed(e);
        }
    }

    private void failed(IOException e) {
        if (!failing) {
            failing = true;
            LOG.log(Level.WARNING, "Cannot write the prediction log in " + dir + " (" + e
                    + "); predictions are dropped until it works again. Check free space and permissions.");
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.log(Level.INFO, "The prediction log in " + dir + " is written again; " + dropped() + " dropped so far");
        }
    }
}
