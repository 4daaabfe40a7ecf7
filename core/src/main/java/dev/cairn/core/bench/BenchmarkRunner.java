package dev.cairn.core.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.cairn.core.progress.Cancellation;
import dev.cairn.core.progress.OperationCancelledException;
import dev.cairn.runtime.model.ModelLoadException;
import dev.cairn.runtime.model.ModelRunner;
import dev.cairn.runtime.model.RunnerOptions;
import dev.cairn.runtime.tensor.OrtValues;
import dev.cairn.runtime.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Benchmarks an ONNX model as {@code onnxruntime_perf_test} does: creates a session with the chosen options, builds
 * the inputs once in direct buffers, times a first inference, warms up, then has N threads call {@code run} on the
 * shared session and records each call's latency. It runs on the caller's thread, which reports progress and
 * watches for cancellation while the measuring threads run; a cancel ends inferences in flight through
 * {@code RunOptions.setTerminate} and the run ends with {@link OperationCancelledException}.
 */
public final class BenchmarkRunner {

    private static final long POLL_MILLIS = 20;
    private static final long REPORT_NANOS = 250_000_000L;

    /**
     * Runs the benchmark.
     *
     * @throws BenchmarkException when the model cannot be loaded, a setting does not fit the model, or an inference
     *     fails
     * @throws OperationCancelledException when {@code cancellation} asked the run to stop
     */
    public BenchmarkResult run(BenchmarkSettings settings, Path modelFile, BenchmarkListener listener,
            Cancellation cancellation) {
        listener.progress(new BenchmarkProgress(BenchmarkProgress.Phase.LOADING, 0, -1, 0, 0, LatencyFigures.of(
                new Histogram(3))));
        try (ModelRunner model = open(modelFile, settings)) {
            List<Tensor> tensors = settings.input().isGenerated()
                    ? BenchmarkInputs.generate(model.inputs(),
                            InputShapes.resolve(model.inputs(), settings.batch(), settings.dims()), settings.input())
                    : BenchmarkInputs.read(Path.of(settings.input().file()), model.inputs(), model.outputs());
            Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
            try {
                for (Tensor tensor : tensors) {
                    feeds.put(tensor.name(), OrtValues.toOnnxTensor(model.environment(), tensor));
                }
                return measure(settings, model, tensors, feeds, listener, cancellation);
            } catch (OrtException e) {
                throw new BenchmarkException("Cannot build the input tensors: " + e.getMessage(), e);
            } finally {
                feeds.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static ModelRunner open(Path modelFile, BenchmarkSettings settings) {
        if (settings.provider() == BenchmarkSettings.Provider.CUDA
                && !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
            throw new BenchmarkException("the CUDA provider is not in this ONNX Runtime build (it has "
                    + OrtEnvironment.getAvailableProviders() + "); use the onnxruntime_gpu jar on a machine with "
                    + "CUDA 12, or benchmark on the CPU");
        }
        RunnerOptions options = new RunnerOptions(settings.intraOpThreads(), settings.interOpThreads(),
                settings.executionMode() == BenchmarkSettings.ExecutionMode.PARALLEL
                        ? OrtSession.SessionOptions.ExecutionMode.PARALLEL
                        : OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL,
                switch (settings.optimization()) {
                    case DISABLE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                    case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                    case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                    case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                },
                settings.provider() == BenchmarkSettings.Provider.CUDA);
        try {
            return ModelRunner.open(modelFile, options);
        } catch (ModelLoadException e) {
            throw new BenchmarkException(e.getMessage(), e);
        }
    }

    private BenchmarkResult measure(BenchmarkSettings settings, ModelRunner model, List<Tensor> tensors,
            Map<String, OnnxTensor> feeds, BenchmarkListener listener, Cancellation cancellation)
            throws OrtException {
        List<MeasuringThread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < settings.concurrency(); i++) {
                threads.add(new MeasuringThread(model.session(), feeds));
            }
            double firstMillis = firstInference(model.session(), feeds, threads.get(0).runOptions());
            cancellation.throwIfCancelled();
            runPhase(threads, settings.warmup(), false, BenchmarkProgress.Phase.WARMUP, listener, cancellation);
            long cpuBefore = ProcessUsage.cpuNanos();
            Histogram histogram = runPhase(threads, settings.measured(), true, BenchmarkProgress.Phase.MEASURING,
                    listener, cancellation);
            long cpuAfter = ProcessUsage.cpuNanos();
            long start = threads.stream().mapToLong(MeasuringThread::startNanos).min().orElseThrow();
            long end = threads.stream().mapToLong(MeasuringThread::endNanos).max().orElseThrow();
            double wall = Math.max(end - start, 1) / 1e9;
            return result(settings, model, tensors, firstMillis, histogram, wall,
                    cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);
        } finally {
            threads.forEach(MeasuringThread::close);
        }
    }

    private static double firstInference(OrtSession session, Map<String, OnnxTensor> feeds,
            OrtSession.RunOptions runOptions) {
        long start = System.nanoTime();
        try (OrtSession.Result result = session.run(feeds, runOptions)) {
            return (System.nanoTime() - start) / 1e6;
        } catch (OrtException e) {
            throw new BenchmarkException("The model failed on the benchmark's inputs: " + e.getMessage(), e);
        }
    }

    /** Runs one phase on fresh threads, reporting progress from this thread; returns the recorded latencies. */
    private static Histogram runPhase(List<MeasuringThread> workers, RunLimit limit, boolean record,
            BenchmarkProgress.Phase phaseName, BenchmarkListener listener, Cancellation cancellation) {
        long begin = System.nanoTime();
        MeasuringThread.Phase phase = new MeasuringThread.Phase(limit, begin);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            MeasuringThread worker = workers.get(i);
            worker.begin(phase, record);
            Thread thread = new Thread(worker, "cairn-bench-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        Histogram total = new Histogram(1, MeasuringThread.HIGHEST_NANOS, 3);
        Histogram interval = new Histogram(1, MeasuringThread.HIGHEST_NANOS, 3);
        long lastReport = begin;
        boolean cancelled = false;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            join(threads.get(0), POLL_MILLIS);
            if (!cancelled && cancellation.isCancelled()) {
                cancelled = true;
                phase.stop();
                workers.forEach(MeasuringThread::terminate);
            }
            long now = System.nanoTime();
            if (now - lastReport >= REPORT_NANOS) {
                lastReport = now;
                drain(workers, interval, total, record);
                report(listener, phaseName, workers, limit, now - begin, interval);
            }
        }
        drain(workers, interval, total, record);
        if (cancelled) {
            throw new OperationCancelledException();
        }
        for (MeasuringThread worker : workers) {
            if (worker.failure() != null) {
                throw new BenchmarkException("An inference failed during the benchmark: "
                        + worker.failure().getMessage(), worker.failure());
            }
        }
        report(listener, phaseName, workers, limit, System.nanoTime() - begin, interval);
        return total;
    }

    private static void drain(List<MeasuringThread> workers, Histogram interval, Histogram total, boolean record) {
        interval.reset();
        if (record) {
            for (MeasuringThread worker : workers) {
                interval.add(worker.recorder().getIntervalHistogram());
            }
            total.add(interval);
        }
    }

    private static void report(BenchmarkListener listener, BenchmarkProgress.Phase phase,
            List<MeasuringThread> workers, RunLimit limit, long elapsedNanos, Histogram recent) {
        long completed = workers.stream().mapToLong(MeasuringThread::completed).sum();
        listener.progress(new BenchmarkProgress(phase, completed, limit.isCounted() ? limit.runs() : -1,
                elapsedNanos / 1e9, limit.seconds(), LatencyFigures.of(recent)));
    }

    private static void join(Thread thread, long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationCancelledException();
        }
    }

    private static BenchmarkResult result(BenchmarkSettings settings, ModelRunner model, List<Tensor> tensors,
            double firstMillis, Histogram histogram, double wallSeconds, long cpuNanos) {
        Map<String, List<Long>> shapes = new LinkedHashMap<>();
        for (Tensor tensor : tensors) {
            shapes.put(tensor.name(), java.util.Arrays.stream(tensor.shape()).boxed().toList());
        }
        long samples = tensors.isEmpty() || tensors.get(0).rank() == 0 ? 1 : tensors.get(0).shape()[0];
        double perSecond = histogram.getTotalCount() / wallSeconds;
        int cores = Runtime.getRuntime().availableProcessors();
        Double cpuPercent = cpuNanos < 0 ? null : 100.0 * cpuNanos / 1e9 / wallSeconds / cores;
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new BenchmarkResult(model.displayName(), settings, shapes, samples,
                model.sessionCreationNanos() / 1e6, firstMillis, LatencyFigures.of(histogram), wallSeconds,
                perSecond, perSecond * samples, cpuPercent, ProcessUsage.peakRssBytes(), heap.getUsed(),
                heap.getMax(), MachineInfo.current(), histogram);
    }
}
