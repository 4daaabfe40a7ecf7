package dev.cairn.core.bench;

import dev.cairn.runtime.codec.CsvBatchReader;
import dev.cairn.runtime.codec.OipJson;
import dev.cairn.runtime.model.OnnxTestDataSet;
import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.InputValidator;
import dev.cairn.runtime.tensor.IoSpec;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Builds a benchmark's input tensors once: seeded random values, zeros, or tensors read from a JSON request, a CSV
 * batch or a folder of {@code input_N.pb} files. Random integers are 0 or 1, so they are valid indices into any
 * embedding table and valid masks and type ids (tiny BERT's token types accept only those).
 */
public final class BenchmarkInputs {

    private static final String[] WORDS = {"alpha", "river", "stone", "cloud", "model", "green", "seven", "north"};

    private BenchmarkInputs() {
    }

    /** Generated tensors of the given shapes, one per input in the model's order. */
    public static List<Tensor> generate(List<IoSpec> inputs, Map<String, long[]> shapes, InputSource source) {
        SplittableRandom random = new SplittableRandom(source.seed());
        List<Tensor> tensors = new ArrayList<>(inputs.size());
        for (IoSpec spec : inputs) {
            try {
                InputValidator.checkBuildable(spec);
            } catch (RuntimeException e) {
                throw new BenchmarkException(e.getMessage(), e);
            }
            Tensor tensor = Tensor.zeros(spec.name(), spec.elementType(), shapes.get(spec.name()));
            if (spec.elementType() == ElementType.STRING) {
                String[] strings = tensor.strings();
                for (int i = 0; i < strings.length; i++) {
                    strings[i] = source.kind() == InputSource.Kind.RANDOM ? WORDS[random.nextInt(WORDS.length)] : "text";
                }
            } else if (source.kind() == InputSource.Kind.RANDOM) {
                fill(tensor, random);
            }
            tensors.add(tensor);
        }
        return tensors;
    }

    /**
     * Tensors read from a file: {@code .json} (an Open Inference Protocol request), {@code .csv} (a header naming
     * the inputs), or a folder holding {@code input_N.pb} (or its first {@code test_data_set_N} folder).
     */
    public static List<Tensor> read(Path file, List<IoSpec> inputs, List<IoSpec> outputs) {
        try {
            List<Tensor> tensors;
            if (Files.isDirectory(file)) {
                tensors = tensorsOf(OnnxTestDataSet.read(dataSetFolder(file), inputs, outputs).inputs());
            } else if (!Files.isRegularFile(file)) {
                throw new BenchmarkException("No input file or folder at " + file);
            } else {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                tensors = file.toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                        ? CsvBatchReader.read(text, inputs) : OipJson.readRequest(text, inputs).inputs();
            }
            if (tensors.size() != inputs.size()) {
                throw new BenchmarkException(file + " gives " + tensors.size() + " of the model's " + inputs.size()
                        + " inputs; a benchmark needs them all");
            }
            return tensors;
        } catch (IOException e) {
            throw new BenchmarkException("Cannot read inputs from " + file + ": " + e.getMessage(), e);
        } catch (BenchmarkException e) {
            throw e;
        } catch (RuntimeException e) {
            // The codecs' messages name the input and what was expected.
            throw new BenchmarkException("Cannot use the inputs in " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path dataSetFolder(Path folder) throws IOException {
        if (Files.exists(folder.resolve("input_0.pb"))) {
            return folder;
        }
        try (Stream<Path> children = Files.list(folder)) {
            return children.filter(child -> child.getFileName().toString().startsWith("test_data_set_"))
                    .filter(child -> Files.exists(child.resolve("input_0.pb")))
                    .sorted().findFirst()
                    .orElseThrow(() -> new BenchmarkException(folder + " holds neither input_0.pb nor a "
                            + "test_data_set_N folder with one"));
        }
    }

    private static List<Tensor> tensorsOf(List<Value> values) {
        List<Tensor> tensors = new ArrayList<>(values.size());
        for (Value value : values) {
            if (!(value instanceof Tensor tensor)) {
                throw new BenchmarkException("input '" + value.name() + "' is a " + value.typeDescription()
                        + "; a benchmark feeds tensors only");
            }
            tensors.add(tensor);
        }
        return tensors;
    }

    private static void fill(Tensor tensor, SplittableRandom random) {
        switch (tensor.type()) {
            case FLOAT, FLOAT16, BFLOAT16 -> {
                float[] data = tensor.floats();
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) random.nextDouble();
                }
            }
            case DOUBLE -> {
                double[] data = tensor.doubles();
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextDouble();
                }
            }
            case INT8, UINT8 -> fillBits(tensor.bytes(), random);
            case INT16 -> {
                short[] data = tensor.shorts();
                for (int i = 0; i < data.length; i++) {
                    data[i] = (short) random.nextInt(2);
                }
            }
            case INT32 -> {
                int[] data = tensor.ints();
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextInt(2);
                }
            }
            case INT64 -> {
                long[] data = tensor.longs();
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextInt(2);
                }
            }
            case BOOL -> {
                boolean[] data = tensor.booleans();
                for (int i = 0; i < data.length; i++) {
                    data[i] = random.nextBoolean();
                }
            }
            default -> throw new BenchmarkException("input '" + tensor.name() + "' has type "
                    + tensor.type().onnxName() + ", for which no random values can be generated");
        }
    }

    private static void fillBits(byte[] data, SplittableRandom random) {
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) random.nextInt(2);
        }
    }
}
