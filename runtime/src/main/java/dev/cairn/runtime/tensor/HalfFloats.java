package dev.cairn.runtime.tensor;

/**
 * Conversions between {@code float} and the 16-bit IEEE half (FLOAT16) and bfloat16 encodings, rounding to nearest
 * even as ONNX and NumPy do. Java 17 has no {@code Float.floatToFloat16}, hence this class.
 */
public final class HalfFloats {

    private HalfFloats() {
    }

    /** The IEEE 754 binary16 bits nearest to {@code value} (ties to even); NaN stays NaN, overflow becomes infinity. */
    public static short toFloat16Bits(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) {
            // Keep NaN payload's top bits but force the quiet bit so a NaN never turns into infinity.
            return (short) (mantissa == 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13));
        }
        int halfExponent = exponent - 127 + 15;
        if (halfExponent >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (halfExponent <= 0) {
            // Subnormal half (or zero): the significand in units of 2^-24 is full * 2^(halfExponent - 14).
            int shift = 14 - halfExponent;
            if (exponent == 0 || shift > 24) {
                return (short) sign;
            }
            int full = mantissa | 0x800000;
            int quotient = full >>> shift;
            int remainder = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (remainder > halfway || (remainder == halfway && (quotient & 1) == 1)) {
                quotient++; // may carry into the smallest normal, which is the right encoding
            }
            return (short) (sign | quotient);
        }
        int combined = (halfExponent << 10) | (mantissa >>> 13);
        int remainder = mantissa & 0x1fff;
        if (remainder > 0x1000 || (remainder == 0x1000 && (combined & 1) == 1)) {
            combined++; // a carry out of the mantissa bumps the exponent, up to infinity: both correct
        }
        return (short) (sign | combined);
    }

    /** The float a binary16 bit pattern stands for (exact: every half value is a float). */
    public static float fromFloat16Bits(short halfBits) {
        int h = halfBits & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** The bfloat16 bits nearest to {@code value} (ties to even); NaN stays a quiet NaN. */
    public static short toBFloat16Bits(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** The float a bfloat16 bit pattern stands for (exact). */
    public static float fromBFloat16Bits(short bfloatBits) {
        return Float.intBitsToFloat((bfloatBits & 0xffff) << 16);
    }

    /** {@code value} rounded to the nearest FLOAT16 value, as a float. */
    public static float roundToFloat16(float value) {
        return fromFloat16Bits(toFloat16Bits(value));
    }

    /** {@code value} rounded to the nearest BFLOAT16 value, as a float. */
    public static float roundToBFloat16(float value) {
        return fromBFloat16Bits(toBFloat16Bits(value));
    }
}
