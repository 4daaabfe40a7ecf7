package dev.cairn.runtime.tensor;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * Every ONNX tensor element type ({@code TensorProto.DataType}), with its Open Inference Protocol name and what
 * ONNX Runtime's Java API and Cairn's {@link Tensor} can do with it.
 */
public enum ElementType {
    FLOAT(1, "float", "FP32", float[].class, OnnxJavaType.FLOAT, 4),
    UINT8(2, "uint8", "UINT8", byte[].class, OnnxJavaType.UINT8, 1),
    INT8(3, "int8", "INT8", byte[].class, OnnxJavaType.INT8, 1),
    UINT16(4, "uint16", "UINT16", short[].class, null, 2),
    INT16(5, "int16", "INT16", short[].class, OnnxJavaType.INT16, 2),
    INT32(6, "int32", "INT32", int[].class, OnnxJavaType.INT32, 4),
    INT64(7, "int64", "INT64", long[].class, OnnxJavaType.INT64, 8),
    STRING(8, "string", "BYTES", String[].class, OnnxJavaType.STRING, 0),
    BOOL(9, "bool", "BOOL", boolean[].class, OnnxJavaType.BOOL, 1),
    // Half-precision values are held as float[]: the bits are converted at the ONNX Runtime boundary.
    FLOAT16(10, "float16", "FP16", float[].class, OnnxJavaType.FLOAT16, 2),
    DOUBLE(11, "double", "FP64", double[].class, OnnxJavaType.DOUBLE, 8),
    UINT32(12, "uint32", "UINT32", int[].class, null, 4),
    UINT64(13, "uint64", "UINT64", long[].class, null, 8),
    COMPLEX64(14, "complex64", null, null, null, 8),
    COMPLEX128(15, "complex128", null, null, null, 16),
    BFLOAT16(16, "bfloat16", "BF16", float[].class, OnnxJavaType.BFLOAT16, 2),
    FLOAT8E4M3FN(17, "float8e4m3fn", null, null, null, 1),
    FLOAT8E4M3FNUZ(18, "float8e4m3fnuz", null, null, null, 1),
    FLOAT8E5M2(19, "float8e5m2", null, null, null, 1),
    FLOAT8E5M2FNUZ(20, "float8e5m2fnuz", null, null, null, 1),
    UINT4(21, "uint4", null, null, null, 0),
    INT4(22, "int4", null, null, null, 0),
    FLOAT4E2M1(23, "float4e2m1", null, null, null, 0),
    FLOAT8E8M0(24, "float8e8m0", null, null, null, 1),
    UINT2(25, "uint2", null, null, null, 0),
    INT2(26, "int2", null, null, null, 0);

    private static final ElementType[] BY_CODE = new ElementType[27];

    static {
        for (ElementType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final String onnxName;
    private final String oipDatatype;
    private final Class<?> arrayType;
    private final OnnxJavaType ortJavaType;
    private final int byteSize;

    ElementType(int code, String onnxName, String oipDatatype, Class<?> arrayType, OnnxJavaType ortJavaType,
            int byteSize) {
        this.code = code;
        this.onnxName = onnxName;
        this.oipDatatype = oipDatatype;
        this.arrayType = arrayType;
        this.ortJavaType = ortJavaType;
        this.byteSize = byteSize;
    }

    /** The {@code TensorProto.DataType} number, e.g. 1 for float. */
    public int code() {
        return code;
    }

    /** The lower-case ONNX name, e.g. {@code float}, {@code int64}, {@code bfloat16}. */
    public String onnxName() {
        return onnxName;
    }

    /** The Open Inference Protocol datatype (e.g. {@code FP32}, {@code BYTES}), or null where the protocol has none. */
    public String oipDatatype() {
        return oipDatatype;
    }

    /** The OIP datatype where there is one, otherwise the ONNX name: what error messages show. */
    public String displayName() {
        return oipDatatype != null ? oipDatatype : onnxName;
    }

    /** Bytes per element in ONNX's raw little-endian layout; 0 for strings and sub-byte types. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether ONNX Runtime's Java API can create an input tensor of this type. */
    public boolean isOrtJavaBuildable() {
        return ortJavaType != null;
    }

    /** The ONNX Runtime Java type used to build tensors of this type, if it can. */
    public Optional<OnnxJavaType> ortJavaType() {
        return Optional.ofNullable(ortJavaType);
    }

    /** Whether a {@link Tensor} can hold values of this type (buildable types plus unsigned 16/32/64-bit). */
    public boolean isHoldable() {
        return arrayType != null;
    }

    /** The primitive array class a {@link Tensor} of this type holds its data in, or null when not holdable. */
    public Class<?> arrayType() {
        return arrayType;
    }

    /** True for FLOAT, FLOAT16, BFLOAT16 and DOUBLE. */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == BFLOAT16 || this == DOUBLE;
    }

    /** True for the signed and unsigned integer types a {@link Tensor} can hold. */
    public boolean isInteger() {
        return this == INT8 || this == UINT8 || this == INT16 || this == UINT16 || this == INT32 || this == UINT32
                || this == INT64 || this == UINT64;
    }

    /** True for the unsigned integer types. */
    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64 || this == UINT4 || this == UINT2;
    }

    /** Looks a type up by its {@code TensorProto.DataType} number; empty for 0 (undefined) and unknown numbers. */
    public static Optional<ElementType> fromCode(int code) {
        return code > 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
    }

    /** Looks a type up by its Open Inference Protocol datatype, case-insensitively (e.g. {@code FP32}). */
    public static Optional<ElementType> fromOipDatatype(String datatype) {
        if (datatype == null) {
            return Optional.empty();
        }
        String upper = datatype.trim().toUpperCase(Locale.ROOT);
        for (ElementType type : values()) {
            if (upper.equals(type.oipDatatype)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** Looks a type up by its lower-case ONNX name (e.g. {@code float16}). */
    public static Optional<ElementType> fromOnnxName(String name) {
        for (ElementType type : values()) {
            if (type.onnxName.equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /**
     * The type an ONNX Runtime Java type stands for. Lossy: ORT reports uint16/32/64 tensors with the signed Java
     * type, so prefer {@link #fromOrt(TensorInfo)} when a {@link TensorInfo} is at hand.
     */
    public static Optional<ElementType> fromOrt(OnnxJavaType javaType) {
        if (javaType == null) {
            return Optional.empty();
        }
        for (ElementType type : values()) {
            if (type.ortJavaType == javaType) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The element type of an ONNX Runtime tensor description; empty when ORT does not know it (e.g. int4). */
    public static Optional<ElementType> fromOrt(TensorInfo info) {
        Optional<ElementType> byName = fromOrt(info.onnxType);
        return byName.isPresent() ? byName : fromOrt(info.type);
    }

    /**
     * The type an ONNX Runtime tensor type names. Matched by name: the numbers in ORT's Java enum are not ONNX's
     * data type codes (its FLOAT is 10, not 1).
     */
    public static Optional<ElementType> fromOrt(TensorInfo.OnnxTensorType onnxType) {
        if (onnxType == null) {
            return Optional.empty();
        }
        String name = onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "");
        for (ElementType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
