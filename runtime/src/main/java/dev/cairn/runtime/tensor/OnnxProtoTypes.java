package dev.cairn.runtime.tensor;

import dev.cairn.runtime.onnx.format.OnnxFormat.TensorShapeProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.TypeProto;
import dev.cairn.runtime.onnx.format.OnnxFormat.ValueInfoProto;

/**
 * Turns ONNX's declared types ({@code ValueInfoProto} / {@code TypeProto}) into {@link IoSpec}s. The protobuf is
 * the source of truth where ONNX Runtime's Java API is not: it knows int4 and float8 and optional types.
 */
public final class OnnxProtoTypes {

    private OnnxProtoTypes() {
    }

    /** The input or output a graph's {@code ValueInfoProto} declares. */
    public static IoSpec toIoSpec(ValueInfoProto info) {
        TypeProto type = info.getType();
        return new IoSpec(info.getName(), kind(type), elementType(type), keyType(type), shape(type), describe(type));
    }

    /** The kind of value a type describes; a type with nothing set counts as a tensor of undefined element type. */
    public static IoKind kind(TypeProto type) {
        return switch (type.getValueCase()) {
            case SEQUENCE_TYPE -> IoKind.SEQUENCE;
            case MAP_TYPE -> IoKind.MAP;
            case OPTIONAL_TYPE -> IoKind.OPTIONAL;
            case SPARSE_TENSOR_TYPE -> IoKind.SPARSE_TENSOR;
            default -> IoKind.TENSOR;
        };
    }

    private static ElementType elementType(TypeProto type) {
        return switch (type.getValueCase()) {
            case TENSOR_TYPE -> ElementType.fromCode(type.getTensorType().getElemType()).orElse(null);
            case SPARSE_TENSOR_TYPE -> ElementType.fromCode(type.getSparseTensorType().getElemType()).orElse(null);
            case SEQUENCE_TYPE -> elementType(type.getSequenceType().getElemType());
            case OPTIONAL_TYPE -> elementType(type.getOptionalType().getElemType());
            case MAP_TYPE -> elementType(type.getMapType().getValueType());
            default -> null;
        };
    }

    private static ElementType keyType(TypeProto type) {
        return switch (type.getValueCase()) {
            case MAP_TYPE -> ElementType.fromCode(type.getMapType().getKeyType()).orElse(null);
            case SEQUENCE_TYPE -> keyType(type.getSequenceType().getElemType());
            case OPTIONAL_TYPE -> keyType(type.getOptionalType().getElemType());
            default -> null;
        };
    }

    private static Shape shape(TypeProto type) {
        if (type.getValueCase() != TypeProto.ValueCase.TENSOR_TYPE || !type.getTensorType().hasShape()) {
            return Shape.UNKNOWN_RANK;
        }
        TensorShapeProto proto = type.getTensorType().getShape();
        long[] dims = new long[proto.getDimCount()];
        String[] names = new String[dims.length];
        for (int i = 0; i < dims.length; i++) {
            TensorShapeProto.Dimension dim = proto.getDim(i);
            if (dim.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_VALUE) {
                dims[i] = dim.getDimValue() < 0 ? -1 : dim.getDimValue();
            } else {
                dims[i] = -1;
                names[i] = dim.getValueCase() == TensorShapeProto.Dimension.ValueCase.DIM_PARAM ? dim.getDimParam() : null;
            }
        }
        return new Shape(dims, names);
    }

    /** The type in ONNX's text form: {@code tensor(float)}, {@code seq(map(int64,float))}, {@code optional(...)}. */
    public static String describe(TypeProto type) {
        return switch (type.getValueCase()) {
            case TENSOR_TYPE -> "tensor(" + elementName(type.getTensorType().getElemType()) + ")";
            case SPARSE_TENSOR_TYPE -> "sparse_tensor(" + elementName(type.getSparseTensorType().getElemType()) + ")";
            case SEQUENCE_TYPE -> "seq(" + describe(type.getSequenceType().getElemType()) + ")";
            case OPTIONAL_TYPE -> "optional(" + describe(type.getOptionalType().getElemType()) + ")";
            case MAP_TYPE -> {
                TypeProto valueType = type.getMapType().getValueType();
                // Maps of scalars print their value as the element type, as ONNX's ZipMap documentation does.
                String value = valueType.getValueCase() == TypeProto.ValueCase.TENSOR_TYPE
                        ? elementName(valueType.getTensorType().getElemType()) : describe(valueType);
                yield "map(" + elementName(type.getMapType().getKeyType()) + "," + value + ")";
            }
            default -> "undefined";
        };
    }

    private static String elementName(int code) {
        return ElementType.fromCode(code).map(ElementType::onnxName).orElse("undefined");
    }
}
