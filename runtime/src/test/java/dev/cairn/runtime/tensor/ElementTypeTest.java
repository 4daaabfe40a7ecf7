package dev.cairn.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ElementTypeTest {

    @Test
    void coversEveryOnnxDataTypeCodeInOrder() {
        assertThat(ElementType.values()).hasSize(26);
        for (int code = 1; code <= 26; code++) {
            assertThat(ElementType.fromCode(code)).get().extracting(ElementType::code).isEqualTo(code);
        }
        assertThat(ElementType.fromCode(0)).isEmpty();
        assertThat(ElementType.fromCode(27)).isEmpty();
        assertThat(ElementType.fromCode(7)).contains(ElementType.INT64);
        assertThat(ElementType.INT64.onnxName()).isEqualTo("int64");
        assertThat(ElementType.FLOAT8E4M3FN.onnxName()).isEqualTo("float8e4m3fn");
    }

    @Test
    void openInferenceProtocolNames() {
        assertThat(ElementType.FLOAT.oipDatatype()).isEqualTo("FP32");
        assertThat(ElementType.DOUBLE.oipDatatype()).isEqualTo("FP64");
        assertThat(ElementType.FLOAT16.oipDatatype()).isEqualTo("FP16");
        assertThat(ElementType.BFLOAT16.oipDatatype()).isEqualTo("BF16");
        assertThat(ElementType.STRING.oipDatatype()).isEqualTo("BYTES");
        assertThat(ElementType.UINT64.oipDatatype()).isEqualTo("UINT64");
        assertThat(ElementType.COMPLEX64.oipDatatype()).isNull();
        assertThat(ElementType.INT4.oipDatatype()).isNull();
        assertThat(ElementType.fromOipDatatype("fp32")).contains(ElementType.FLOAT);
        assertThat(ElementType.fromOipDatatype("BYTES")).contains(ElementType.STRING);
        assertThat(ElementType.fromOipDatatype("FP8")).isEmpty();
    }

    @Test
    void onlyElevenTypesAreBuildableByOrtJava() {
        assertThat(Arrays.stream(ElementType.values()).filter(ElementType::isOrtJavaBuildable))
                .containsExactlyInAnyOrder(ElementType.FLOAT, ElementType.DOUBLE, ElementType.INT8, ElementType.INT16,
                        ElementType.INT32, ElementType.INT64, ElementType.BOOL, ElementType.STRING, ElementType.UINT8,
                        ElementType.FLOAT16, ElementType.BFLOAT16);
        for (OnnxJavaType javaType : OnnxJavaType.values()) {
            if (javaType != OnnxJavaType.UNKNOWN) {
                assertThat(ElementType.fromOrt(javaType)).get().extracting(t -> t.ortJavaType().orElseThrow())
                        .isEqualTo(javaType);
            }
        }
    }

    @Test
    void ortTensorTypesMapByNameNotByTheirNumbers() {
        for (TensorInfo.OnnxTensorType ortType : TensorInfo.OnnxTensorType.values()) {
            if (ortType != TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UNDEFINED) {
                assertThat(ElementType.fromOrt(ortType)).get().extracting(Enum::name)
                        .isEqualTo(ortType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", ""));
            }
        }
        assertThat(ElementType.fromOrt(TensorInfo.OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT))
                .contains(ElementType.FLOAT);
    }
}
