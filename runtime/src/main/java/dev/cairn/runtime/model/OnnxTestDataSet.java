package dev.cairn.runtime.model;

import dev.cairn.runtime.tensor.IoKind;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.OnnxProtoValues;
import dev.cairn.runtime.tensor.UnsupportedTypeException;
import dev.cairn.runtime.tensor.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs and expected outputs of one ONNX test data set folder ({@code test_data_set_N/input_K.pb} and
 * {@code output_K.pb}, the layout of ONNX's backend tests and of {@code onnxruntime_perf_test}). File K belongs to
 * the K-th declared input or output, whose kind decides the protobuf message read.
 *
 * <p>Reading fails with {@link UnsupportedTypeException} for tensor inputs ONNX Runtime's Java API cannot create
 * and tensor outputs it cannot read, as running the model would.
 */
public record OnnxTestDataSet(List<Value> inputs, List<Value> expectedOutputs) {

    /** Copies the lists. */
    public OnnxTestDataSet {
        inputs = List.copyOf(inputs);
        expectedOutputs = List.copyOf(expectedOutputs);
    }

    /** Reads a data set folder for a model with these inputs and outputs. */
    public static OnnxTestDataSet read(Path dataSetDir, List<IoSpec> modelInputs, List<IoSpec> modelOutputs)
            throws IOException {
        return new OnnxTestDataSet(readAll(dataSetDir, "input_", modelInputs),
                readAll(dataSetDir, "output_", modelOutputs));
    }

    private static List<Value> readAll(Path dir, String prefix, List<IoSpec> specs) throws IOException {
        List<Value> values = new ArrayList<>();
        for (int index = 0; Files.exists(dir.resolve(prefix + index + ".pb")); index++) {
            if (index >= specs.size()) {
                throw new IOException(dir.resolve(prefix + index + ".pb") + " has no matching model "
                        + (prefix.startsWith("input") ? "input" : "output") + " (the model has " + specs.size() + ")");
            }
            IoSpec spec = specs.get(index);
            boolean input = prefix.startsWith("input");
            // Say what the runner would say, rather than failing later on data that could never be used.
            if (input && spec.kind() == IoKind.TENSOR && !spec.isOrtJavaBuildable()) {
                throw UnsupportedTypeException.cannotCreate(spec);
            }
            if (!input && spec.kind() == IoKind.TENSOR && (spec.elementType() == null || !spec.elementType().isHoldable())) {
                throw UnsupportedTypeException.cannotRead(spec.name(), spec.typeForMessages());
            }
            values.add(OnnxProtoValues.read(dir.resolve(prefix + index + ".pb"), spec));
        }
        return values;
    }
}
