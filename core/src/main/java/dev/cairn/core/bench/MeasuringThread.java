package dev.cairn.core.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One of a benchmark's concurrent callers: runs the shared session on the reused input tensors until its phase
 * ends, timing only {@code session.run}. Nothing in the loop allocates beyond what ONNX Runtime's own {@code run}
 * does; the latencies go into a single-writer recorder that the runner's thread drains.
 */
final class MeasuringThread implements Runnable {

    /** Latencies above an hour are clamped: far beyond any inference, and it bounds the histogram's size. */
    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

    /** What all threads of one phase share: when to stop, and why. */
    static final class Phase {
        private final AtomicLong tickets;
        private final long deadline;
        private volatile boolean stopped;

        Phase(RunLimit limit, long startNanos) {
            this.tickets = limit.isCounted() ? new AtomicLong(limit.runs()) : null;
            this.deadline = limit.isCounted() ? Long.MAX_VALUE : startNanos + (long) (limit.seconds() * 1e9);
        }

        boolean next() {
            if (stopped) {
                return false;
            }
            return tickets != null ? tickets.getAndDecrement() > 0 : System.nanoTime() < deadline;
        }

        void stop() {
            stopped = true;
        }

        boolean isStopped() {
            return stopped;
        }
    }

    private final OrtSession session;
    private final Map<String, OnnxTensor> feeds;
    private final OrtSession.RunOptions runOptions;
    private final SingleWriterRecorder recorder;
    private Phase phase;
    private boolean recording;
    private volatile long completed;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile Exception failure;

    MeasuringThread(OrtSession session, Map<String, OnnxTensor> feeds) throws OrtException {
        this.session = session;
        this.feeds = feeds;
        this.runOptions = new OrtSession.RunOptions();
        this.recorder = new SingleWriterRecorder(1, HIGHEST_NANOS, 3);
    }

    /** Prepares the next phase; call before starting a thread on this. */
    void begin(Phase next, boolean record) {
        this.phase = next;
        this.recording = record;
        this.completed = 0;
        this.failure = null;
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        long done = 0;
        try {
            while (phase.next()) {
                long start = System.nanoTime();
                OrtSession.Result result = session.run(feeds, runOptions);
                long elapsed = System.nanoTime() - start;
                result.close();
                if (recording) {
                    recorder.recordValue(Math.min(Math.max(elapsed, 1), HIGHEST_NANOS));
                }
                completed = ++done;
            }
        } catch (OrtException | RuntimeException e) {
            if (!phase.isStopped()) {
                failure = e;
                phase.stop();
            }
        } finally {
            endNanos = System.nanoTime();
        }
    }

    /** Ends an inference in flight at once (ONNX Runtime checks the flag between operators). */
    void terminate() {
        try {
            runOptions.setTerminate(true);
        } catch (OrtException e) {
            // The phase's stop flag still ends the loop after the current inference.
        }
    }

    SingleWriterRecorder recorder() {
        return recorder;
    }

    long completed() {
        return completed;
    }

    long startNanos() {
        return startNanos;
    }

    long endNanos() {
        return endNanos;
    }

    Exception failure() {
        return failure;
    }

    OrtSession.RunOptions runOptions() {
        return runOptions;
    }

    void close() {
        runOptions.close();
    }
}
