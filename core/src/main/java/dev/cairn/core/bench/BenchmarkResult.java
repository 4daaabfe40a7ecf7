package dev.cairn.core.bench;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one benchmark measured: {@code onnxruntime_perf_test}'s figures and more, the full latency histogram (in
 * nanoseconds, so any percentile can be computed later), the settings and the machine.
 *
 * @param modelName the model file's name
 * @param inputShapes the shape each input had, in the model's order
 * @param samplesPerInference the first input's first dimension (the batch size), 1 for a scalar input
 * @param wallSeconds the measured phase's wall-clock time, first thread's start to last thread's end
 * @param cpuPercent the process's CPU time over the measured wall time of all cores, as a percentage; null where
 *     the JVM cannot say
 * @param peakRssBytes the process's peak resident memory ({@code VmHWM}); null off Linux
 * @param histogram the measured latencies; the record shares it, so treat it as read-only
 */
public record BenchmarkResult(String modelName, BenchmarkSettings settings, Map<String, List<Long>> inputShapes,
        long samplesPerInference, double sessionCreationMillis, double firstInferenceMillis, LatencyFigures latency,
        double wallSeconds, double inferencesPerSecond, double samplesPerSecond, Double cpuPercent,
        Long peakRssBytes, long heapUsedBytes, long heapMaxBytes, MachineInfo machine,
        @JsonIgnore Histogram histogram) {

    public BenchmarkResult {
        inputShapes = Map.copyOf(inputShapes);
    }
}
