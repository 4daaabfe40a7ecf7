package dev.cairn.runtime.server;

import dev.cairn.runtime.server.PredictionLog.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints how many iris-sized predictions a second the log takes from request threads and writes out; a harness to
 * run by hand ({@code java -cp ... PredictionLogThroughput [threads] [seconds]}), not a test, since timings vary too
 * much by machine to assert.
 */
public final class PredictionLogThroughput {

    private PredictionLogThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
        Path dir = Files.createTempDirectory("prediction-log-throughput");
        LongAdder appended = new LongAdder();
        LongAdder appendNanos = new LongAdder();
        // The default settings but enough rotated files kept to count every line afterwards.
        PredictionLog log = PredictionLog.open(dir, new Settings(16L << 20, 1000, 4096, 10_000));
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                long count = 0;
                long spent = 0;
                while (System.nanoTime() < end) {
                    // Building the entry is the server's cost, not the log's: only append() is timed.
                    Prediction prediction = PredictionLogTest.irisPrediction(Instant.now(), "r" + count);
                    long before = System.nanoTime();
                    log.append(prediction);
                    spent += System.nanoTime() - before;
                    count++;
                }
                appended.add(count);
                appendNanos.add(spent);
            });
            workers[t].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        log.close();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long written;
        long bytes = 0;
        try (var files = Files.list(dir)) {
            written = 0;
            for (Path file : files.toList()) {
                written += Files.readAllLines(file).size();
                bytes += Files.size(file);
            }
        }
        System.out.printf("%d threads, %.1f s: %d appended (%.0f/s), %d written (%.0f/s, %.0f bytes a line), "
                + "%d dropped, append() %.0f ns on average%n", threads, elapsed, appended.sum(),
                appended.sum() / elapsed, written, written / elapsed, (double) bytes / Math.max(1, written),
                log.dropped(), (double) appendNanos.sum() / Math.max(1, appended.sum()));
    }
}
