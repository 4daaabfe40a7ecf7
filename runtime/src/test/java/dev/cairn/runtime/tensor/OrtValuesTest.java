package dev.cairn.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every buildable type goes into ONNX Runtime and comes back unchanged, including scalars and empty tensors. */
class OrtValuesTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    static Stream<Tensor> tensors() {
        long[] shape = {2, 2};
        return Stream.of(
                Tensor.ofFloats("f", shape, 1.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY),
                Tensor.ofDoubles("d", shape, 1e-300, -2.5, Double.NaN, Double.MAX_VALUE),
                Tensor.ofInt8("i8", shape, (byte) -128, (byte) 127, (byte) 0, (byte) -1),
                Tensor.ofUint8("u8", shape, (byte) 0, (byte) 255, (byte) 128, (byte) 1),
                Tensor.ofInt16("i16", shape, Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) -2),
                Tensor.ofInt32("i32", shape, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, 7),
                Tensor.ofInt64("i64", shape, Long.MIN_VALUE, Long.MAX_VALUE, 0, 42),
                Tensor.ofBooleans("b", shape, true, false, false, true),
                Tensor.ofStrings("s", shape, "a", "", "ünïcødé", "with,comma"),
                Tensor.ofFloat16("h", shape, 1f, -65504f, 0x1p-24f, Float.POSITIVE_INFINITY),
                Tensor.ofBFloat16("bf", shape, 1f, -0x1.fep127f, 0.0078125f, Float.NaN),
                Tensor.ofFloats("scalar", new long[0], 3.25f),
                Tensor.ofStrings("scalar_string", new long[0], "only"),
                Tensor.ofInt64("empty", new long[] {2, 0, 3}),
                Tensor.ofStrings("empty_strings", new long[] {0}),
                Tensor.ofFloat16("empty_half", new long[] {0, 4}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tensors")
    void roundTripsThroughOnnxRuntime(Tensor tensor) throws Exception {
        try (OnnxTensor onnx = OrtValues.toOnnxTensor(ENV, tensor)) {
            assertThat(onnx.getInfo().getShape()).isEqualTo(tensor.shape());
            assertThat(ElementType.fromOrt(onnx.getInfo())).contains(tensor.type());
            assertThat(OrtValues.fromOnnxTensor(tensor.name(), onnx)).isEqualTo(tensor);
        }
    }

    @Test
    void halfPrecisionValuesAreRoundedOnTheWayIn() throws Exception {
        Tensor half = Tensor.ofFloat16("h", new long[] {2}, 0.1f, 65519f);
        try (OnnxTensor onnx = OrtValues.toOnnxTensor(ENV, half)) {
            assertThat(OrtValues.fromOnnxTensor("h", onnx).floats())
                    .containsExactly(HalfFloats.roundToFloat16(0.1f), 65504f);
        }
        Tensor bfloat = Tensor.ofBFloat16("b", new long[] {1}, 1.00390625f); // halfway between 1 and 1 + 2^-7
        try (OnnxTensor onnx = OrtValues.toOnnxTensor(ENV, bfloat)) {
            assertThat(OrtValues.fromOnnxTensor("b", onnx).floats()).containsExactly(1f);
        }
    }

    @Test
    void unsignedWideTypesCannotBeCreated() {
        Tensor uint16 = new Tensor("x", ElementType.UINT16, new long[] {1}, new short[] {1});
        assertThatThrownBy(() -> OrtValues.toOnnxTensor(ENV, uint16)).isInstanceOf(UnsupportedTypeException.class)
                .hasMessage("input 'x' has type uint16, which ONNX Runtime's Java API cannot create");
    }

    @Test
    void tensorChecksItsDataAgainstTypeAndShape() {
        assertThatThrownBy(() -> Tensor.ofFloats("x", new long[] {2, 2}, 1f, 2f, 3f))
                .hasMessageContaining("shape [2,2] (4 values) but its data holds 3 values");
        assertThatThrownBy(() -> new Tensor("x", ElementType.INT32, new long[] {1}, new long[] {1}))
                .hasMessageContaining("needs a int[]");
        assertThatThrownBy(() -> new Tensor("x", ElementType.INT4, new long[] {1}, new byte[] {1}))
                .isInstanceOf(UnsupportedTypeException.class);
        assertThat(Tensor.zeros("z", ElementType.STRING, new long[] {2}).strings()).containsExactly("", "");
        assertThat(Tensor.ofFloats("s", new long[0], 1f).rank()).isZero();
        assertThat(new MapValue("m", Tensor.ofInt64("", new long[] {2}, 1, 0),
                Tensor.ofFloats("", new long[] {2}, 0.5f, 0.25f)).asMap()).containsExactly(
                        java.util.Map.entry(1L, 0.5f), java.util.Map.entry(0L, 0.25f));
        assertThat(new SequenceValue("q", List.of()).typeDescription()).isEqualTo("seq(?)");
    }
}
