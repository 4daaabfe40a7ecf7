package dev.cairn.core.bench;

import java.nio.file.Path;

/**
 * Where a benchmark's input tensors come from: generated (seeded random values or zeros, shaped by the batch size
 * and dimension settings) or read from a file (an Open Inference Protocol JSON request, a CSV batch, or a folder of
 * {@code input_N.pb} tensors as {@code onnxruntime_perf_test} reads them).
 *
 * @param seed the random generator's seed (RANDOM only)
 * @param file the file or folder (FILE only), as given
 */
public record InputSource(Kind kind, long seed, String file) {

    /** The kinds of input. */
    public enum Kind { RANDOM, ZEROS, FILE }

    public InputSource {
        if (kind == null || (kind == Kind.FILE) != (file != null)) {
            throw new BenchmarkException("an input source from a file needs the file, and only that kind takes one");
        }
    }

    public static InputSource random(long seed) {
        return new InputSource(Kind.RANDOM, seed, null);
    }

    public static InputSource zeros() {
        return new InputSource(Kind.ZEROS, 0, null);
    }

    public static InputSource file(Path file) {
        return new InputSource(Kind.FILE, 0, file.toString());
    }

    /** Whether the tensors are generated, so the batch size and dimension settings shape them. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isGenerated() {
        return kind != Kind.FILE;
    }
}
