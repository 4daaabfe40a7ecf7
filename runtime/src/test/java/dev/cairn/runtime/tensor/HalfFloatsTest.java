package dev.cairn.runtime.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void knownFloat16Encodings() {
        assertThat(HalfFloats.toFloat16Bits(1.0f)).isEqualTo((short) 0x3c00);
        assertThat(HalfFloats.toFloat16Bits(-2.0f)).isEqualTo((short) 0xc000);
        assertThat(HalfFloats.toFloat16Bits(0.1f)).isEqualTo((short) 0x2e66);
        assertThat(HalfFloats.toFloat16Bits(65504f)).isEqualTo((short) 0x7bff);
        assertThat(HalfFloats.toFloat16Bits(65519f)).isEqualTo((short) 0x7bff);
        assertThat(HalfFloats.toFloat16Bits(65520f)).as("halfway to 65536 rounds to even: infinity")
                .isEqualTo((short) 0x7c00);
        assertThat(HalfFloats.toFloat16Bits(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7c00);
        assertThat(HalfFloats.toFloat16Bits(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(HalfFloats.toFloat16Bits(0x1p-24f)).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(HalfFloats.toFloat16Bits(0x1p-25f)).as("half the smallest subnormal ties to 0").isEqualTo((short) 0);
        assertThat(HalfFloats.toFloat16Bits(0x1.8p-24f)).as("1.5 units ties to even 2").isEqualTo((short) 2);
        assertThat(HalfFloats.toFloat16Bits(0x1.000002p-25f)).as("just over half a unit").isEqualTo((short) 1);
        assertThat(HalfFloats.toFloat16Bits(1f + 0x1p-11f)).as("tie rounds down to even").isEqualTo((short) 0x3c00);
        assertThat(HalfFloats.toFloat16Bits(1f + 0x3p-11f)).as("tie rounds up to even").isEqualTo((short) 0x3c02);
        assertThat(HalfFloats.toFloat16Bits(0x1.ffcp-15f)).as("rounds up into the smallest normal")
                .isEqualTo((short) 0x0400);
        assertThat(Float.isNaN(HalfFloats.fromFloat16Bits(HalfFloats.toFloat16Bits(Float.NaN)))).isTrue();
        assertThat(HalfFloats.fromFloat16Bits((short) 0x7bff)).isEqualTo(65504f);
        assertThat(HalfFloats.fromFloat16Bits((short) 0x0001)).isEqualTo(0x1p-24f);
    }

    @Test
    void everyFloat16ValueRoundTripsAndEveryMidpointRoundsToEven() {
        for (int bits = 0; bits < 0x7c00; bits++) { // all finite non-negative halves; the sign is symmetric
            short half = (short) bits;
            float value = HalfFloats.fromFloat16Bits(half);
            assertThat(HalfFloats.toFloat16Bits(value)).isEqualTo(half);
            assertThat(HalfFloats.toFloat16Bits(-value)).isEqualTo((short) (bits | 0x8000));
            if (bits + 1 < 0x7c00) {
                float next = HalfFloats.fromFloat16Bits((short) (bits + 1));
                float midpoint = value + (next - value) / 2; // exact: halves have 11 significant bits, floats 24
                int even = (bits & 1) == 0 ? bits : bits + 1;
                assertThat(HalfFloats.toFloat16Bits(midpoint)).isEqualTo((short) even);
                assertThat(HalfFloats.toFloat16Bits(Math.nextUp(midpoint))).isEqualTo((short) (bits + 1));
                assertThat(HalfFloats.toFloat16Bits(Math.nextDown(midpoint))).isEqualTo(half);
            }
        }
    }

    @Test
    void everyBFloat16ValueRoundTripsAndEveryMidpointRoundsToEven() {
        assertThat(HalfFloats.toBFloat16Bits(1.0f)).isEqualTo((short) 0x3f80);
        assertThat(HalfFloats.toBFloat16Bits(Float.MAX_VALUE)).as("overflow rounds to infinity")
                .isEqualTo((short) 0x7f80);
        assertThat(Float.isNaN(HalfFloats.roundToBFloat16(Float.NaN))).isTrue();
        for (int bits = 0; bits < 0x7f80; bits++) {
            short bfloat = (short) bits;
            float value = HalfFloats.fromBFloat16Bits(bfloat);
            assertThat(HalfFloats.toBFloat16Bits(value)).isEqualTo(bfloat);
            if (bits + 1 < 0x7f80) {
                float next = HalfFloats.fromBFloat16Bits((short) (bits + 1));
                float midpoint = value + (next - value) / 2; // (value + next) would overflow near the top
                int even = (bits & 1) == 0 ? bits : bits + 1;
                assertThat(HalfFloats.toBFloat16Bits(midpoint)).isEqualTo((short) even);
                assertThat(HalfFloats.toBFloat16Bits(Math.nextUp(midpoint))).isEqualTo((short) (bits + 1));
                assertThat(HalfFloats.toBFloat16Bits(Math.nextDown(midpoint))).isEqualTo(bfloat);
            }
        }
    }
}
