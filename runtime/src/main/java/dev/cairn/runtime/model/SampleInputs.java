package dev.cairn.runtime.model;

import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Generated inputs for smoke tests and benchmarks, as {@code onnxruntime_perf_test -I} makes them: zeros (short
 * strings for string inputs), every free dimension 1 unless its symbolic name is given a size.
 */
public final class SampleInputs {

    private SampleInputs() {
    }

    /**
     * One tensor per input.
     *
     * @param dimSizes sizes for symbolic dimensions by name (e.g. {@code batch -> 8}); others become 1
     * @throws dev.cairn.runtime.tensor.UnsupportedTypeException for inputs Java cannot create
     */
    public static List<Tensor> generate(List<IoSpec> inputs, Map<String, Long> dimSizes) {
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (IoSpec spec : inputs) {
            InputValidator.checkBuildable(spec);
            Shape declared = spec.shape();
            long[] shape = new long[Math.max(declared.rank(), 0)];
            for (int axis = 0; axis < shape.length; axis++) {
                shape[axis] = declared.isDynamic(axis)
                        ? declared.dimName(axis).map(dimSizes::get).orElse(1L) : declared.dim(axis);
            }
            Tensor tensor = Tensor.zeros(spec.name(), spec.elementType(), shape);
            if (spec.elementType() == ElementType.STRING) {
                Arrays.fill(tensor.strings(), "text");
            }
            tensors.add(tensor);
        }
        return tensors;
    }
}
