package dev.cairn.core.bench;

import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a model's declared input shapes into the concrete shapes a benchmark generates. A fixed dimension stays as
 * declared; a free first dimension takes the batch size (1 when none is given, as {@code onnxruntime_perf_test}
 * does); every other free dimension must be given a size by its symbolic name, or by {@code INPUT:AXIS} when the
 * model leaves it unnamed. Guessing 1 there would benchmark a sequence of one token or a 1×1 image without a word.
 */
public final class InputShapes {

    private InputShapes() {
    }

    /**
     * The shape of each input, in the model's order.
     *
     * @throws BenchmarkException for a batch size on a fixed first dimension, a dimension name the model does not
     *     have, a free dimension left without a size, or an input of undeclared rank
     */
    public static Map<String, long[]> resolve(List<IoSpec> inputs, Integer batch, Map<String, Long> dims) {
        checkNamesExist(inputs, dims);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (IoSpec input : inputs) {
            Shape declared = input.shape();
            if (!declared.isRankKnown()) {
                throw new BenchmarkException("input '" + input.name() + "' (" + input.describe()
                        + ") declares no shape, so none can be generated; give the inputs in a file");
            }
            long[] shape = new long[declared.rank()];
            for (int axis = 0; axis < shape.length; axis++) {
                shape[axis] = size(input, axis, batch, dims);
            }
            shapes.put(input.name(), shape);
        }
        return Collections.unmodifiableMap(shapes);
    }

    /** The names {@code --dim} accepts for this model: symbolic names, then {@code INPUT:AXIS} for unnamed ones. */
    public static Set<String> freeDimensionNames(List<IoSpec> inputs) {
        Set<String> names = new TreeSet<>();
        for (IoSpec input : inputs) {
            Shape shape = input.shape();
            for (int axis = 0; shape.isRankKnown() && axis < shape.rank(); axis++) {
                if (shape.isDynamic(axis)) {
                    names.add(key(input, axis));
                }
            }
        }
        return names;
    }

    private static long size(IoSpec input, int axis, Integer batch, Map<String, Long> dims) {
        Shape declared = input.shape();
        String key = key(input, axis);
        if (!declared.isDynamic(axis)) {
            if (axis == 0 && batch != null && batch != declared.dim(0)) {
                throw new BenchmarkException("input '" + input.name() + "' has a fixed first dimension "
                        + declared.dim(0) + " (" + declared + "); a batch size cannot change it");
            }
            return declared.dim(axis);
        }
        Long given = dims.get(key);
        if (axis == 0 && batch != null) {
            if (given != null && given.longValue() != batch) {
                throw new BenchmarkException("the batch size " + batch + " and the size " + key + "=" + given
                        + " disagree on input '" + input.name() + "'s first dimension; give one of them");
            }
            return batch;
        }
        if (given != null) {
            return given;
        }
        if (axis == 0) {
            return 1;
        }
        throw new BenchmarkException("input '" + input.name() + "' " + declared + " has a free dimension "
                + (declared.dimName(axis).isPresent() ? "'" + key + "'" : "at axis " + axis)
                + " without a size; give it one as " + key + "=N");
    }

    private static void checkNamesExist(List<IoSpec> inputs, Map<String, Long> dims) {
        Set<String> known = freeDimensionNames(inputs);
        for (String name : dims.keySet()) {
            if (!known.contains(name)) {
                throw new BenchmarkException("the model has no free dimension named '" + name + "'; "
                        + (known.isEmpty() ? "all its input dimensions are fixed"
                                : "its free dimensions are " + String.join(", ", known)));
            }
        }
    }

    private static String key(IoSpec input, int axis) {
        return input.shape().dimName(axis).orElse(input.name() + ":" + axis);
    }
}
