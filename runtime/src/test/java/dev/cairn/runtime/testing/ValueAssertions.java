package dev.cairn.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.runtime.tensor.ElementType;
import dev.cairn.runtime.tensor.MapValue;
import dev.cairn.runtime.tensor.OptionalValue;
import dev.cairn.runtime.tensor.SequenceValue;
import dev.cairn.runtime.tensor.Shape;
import dev.cairn.runtime.tensor.Tensor;
import dev.cairn.runtime.tensor.Value;
import org.opentest4j.AssertionFailedError;

/** Compares values as ONNX's backend tests do: numbers within atol + rtol * |expected|, NaN equal to NaN. */
public final class ValueAssertions {

    private ValueAssertions() {
    }

    /** Asserts that {@code actual} matches {@code expected} in kind, type, shape and values. */
    public static void assertClose(String where, Value actual, Value expected, double atol, double rtol) {
        assertThat(actual.kind()).as(where + " kind").isEqualTo(expected.kind());
        if (expected instanceof Tensor e) {
            assertTensorClose(where, (Tensor) actual, e, atol, rtol);
        } else if (expected instanceof SequenceValue e) {
            SequenceValue a = (SequenceValue) actual;
            assertThat(a.size()).as(where + " sequence length").isEqualTo(e.size());
            for (int i = 0; i < e.size(); i++) {
                assertClose(where + "[" + i + "]", a.get(i), e.get(i), atol, rtol);
            }
        } else if (expected instanceof MapValue e) {
            MapValue a = (MapValue) actual;
            assertTensorClose(where + " keys", a.keys(), e.keys(), 0, 0);
            assertTensorClose(where + " values", a.values(), e.values(), atol, rtol);
        } else if (expected instanceof OptionalValue e) {
            OptionalValue a = (OptionalValue) actual;
            assertThat(a.value().isPresent()).as(where + " optional presence").isEqualTo(e.value().isPresent());
            if (e.element() != null) {
                assertClose(where, a.element(), e.element(), atol, rtol);
            }
        }
    }

    private static void assertTensorClose(String where, Tensor actual, Tensor expected, double atol, double rtol) {
        assertThat(actual.type()).as(where + " element type").isEqualTo(expected.type());
        assertThat(actual.shape()).as(where + " shape").isEqualTo(expected.shape());
        for (int i = 0; i < expected.elementCount(); i++) {
            if (expected.type() == ElementType.STRING || expected.type() == ElementType.BOOL
                    || expected.type().isInteger()) {
                if (!actual.elementAt(i).equals(expected.elementAt(i))) {
                    throw mismatch(where, actual, expected, i, actual.elementAt(i), expected.elementAt(i));
                }
                continue;
            }
            double a = actual.doubleAt(i);
            double e = expected.doubleAt(i);
            boolean same = (Double.isNaN(a) && Double.isNaN(e)) || a == e || Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!same) {
                throw mismatch(where, actual, expected, i, a, e);
            }
        }
    }

    private static AssertionFailedError mismatch(String where, Tensor actual, Tensor expected, int index, Object a,
            Object e) {
        return new AssertionFailedError(where + " " + Shape.format(expected.shape()) + " differs at flat index " + index
                + ": expected " + e + ", got " + a, expected, actual);
    }
}
