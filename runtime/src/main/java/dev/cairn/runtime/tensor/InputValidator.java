package dev.cairn.runtime.tensor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks given inputs against a model's declared inputs, with messages that name the input and say what was expected
 * and what was given. Shared by the tensor-list runner, the JSON codec and the CSV reader so they all say the same.
 */
public final class InputValidator {

    private InputValidator() {
    }

    /** Checks a complete list of values: names first, then each value's kind, type and shape. */
    public static void checkAll(List<IoSpec> specs, List<? extends Value> values) {
        List<String> names = new ArrayList<>(values.size());
        for (Value value : values) {
            names.add(value.name());
        }
        checkNames(specs, names);
        for (Value value : values) {
            check(find(specs, value.name()), value);
        }
    }

    /** Fails on a name the model does not have, on a name given twice, and on a model input not given. */
    public static void checkNames(List<IoSpec> specs, Collection<String> givenNames) {
        Set<String> seen = new HashSet<>();
        for (String name : givenNames) {
            find(specs, name);
            if (!seen.add(name)) {
                throw new InvalidInputException(name, "input '" + name + "' is given more than once");
            }
        }
        for (IoSpec spec : specs) {
            if (!seen.contains(spec.name())) {
                throw new InvalidInputException(spec.name(), "missing input '" + spec.name() + "' ("
                        + spec.describe() + "); given: " + (givenNames.isEmpty() ? "none" : String.join(", ", givenNames)));
            }
        }
    }

    /** The declared input of that name, or an error listing the model's inputs. */
    public static IoSpec find(List<IoSpec> specs, String name) {
        for (IoSpec spec : specs) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new InvalidInputException(name, "unknown input '" + name + "'; the model's inputs are: " + list(specs));
    }

    /** The model's inputs as {@code name (FP32 [batch,4]), ...}. */
    public static String list(List<IoSpec> specs) {
        if (specs.isEmpty()) {
            return "none";
        }
        return specs.stream().map(s -> s.name() + " (" + s.describe() + ")").collect(Collectors.joining(", "));
    }

    /** Checks one value against its declared input. */
    public static void check(IoSpec spec, Value value) {
        checkBuildable(spec);
        if (!(value instanceof Tensor tensor)) {
            throw new InvalidInputException(spec.name(), "input '" + spec.name() + "' expects a tensor ("
                    + spec.describe() + "), got a " + value.kind().label() + " (" + value.typeDescription() + ")");
        }
        checkType(spec, tensor.type());
        checkShape(spec, tensor.shape());
    }

    /** Fails with {@link UnsupportedTypeException} when ONNX Runtime's Java API cannot build this input. */
    public static void checkBuildable(IoSpec spec) {
        if (!spec.isOrtJavaBuildable()) {
            throw UnsupportedTypeException.cannotCreate(spec);
        }
    }

    /** Fails unless the given element type is the declared one. */
    public static void checkType(IoSpec spec, ElementType given) {
        if (given != spec.elementType()) {
            throw new InvalidInputException(spec.name(), "input '" + spec.name() + "' expects "
                    + spec.elementType().displayName() + ", got " + given.displayName());
        }
    }

    /** Fails unless the given shape has the declared rank and matches every fixed dimension. */
    public static void checkShape(IoSpec spec, long[] given) {
        Shape declared = spec.shape();
        if (!declared.isRankKnown()) {
            return;
        }
        if (declared.rank() != given.length) {
            throw new InvalidInputException(spec.name(), "input '" + spec.name() + "' expects shape " + declared
                    + " (rank " + declared.rank() + "), got " + Shape.format(given) + " (rank " + given.length + ")");
        }
        for (int axis = 0; axis < given.length; axis++) {
            if (!declared.isDynamic(axis) && declared.dim(axis) != given[axis]) {
                throw new InvalidInputException(spec.name(), "input '" + spec.name() + "' expects shape " + declared
                        + ", got " + Shape.format(given) + ": dimension " + axis + " must be " + declared.dim(axis));
            }
        }
    }
}
