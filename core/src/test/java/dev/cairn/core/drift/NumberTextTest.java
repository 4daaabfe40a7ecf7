package dev.cairn.core.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberTextTest {

    /** The fast path must give Double.parseDouble's correctly rounded value, bit for bit. */
    @Test
    void parsesDecimalsExactlyAsTheJdk() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            double value = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12));
            for (String text : new String[] {Double.toString(value), Float.toString((float) value),
                String.format(java.util.Locale.ROOT, "%.6f", value), String.format(java.util.Locale.ROOT, "%.3e", value)}) {
                assertThat(NumberText.parse(text)).as(text).isEqualTo(Double.parseDouble(text));
            }
        }
        assertThat(NumberText.parse("12345678901234567890.5")).isEqualTo(12345678901234567890.5);
        assertThat(NumberText.parse(" 7 ")).isEqualTo(7.0);
        assertThat(NumberText.parse("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NumberText.parse("1.")).isEqualTo(1.0);
        assertThat(NumberText.parse(".5")).isEqualTo(0.5);
    }

    @Test
    void refusesWhatPandasWouldReadAsText() {
        for (String text : new String[] {"1d", "2f", "0x10", "NaN", "1e", ".", "-", "1,5", "12a", "infinit", "e5"}) {
            assertThat(NumberText.parse(text)).as(text).isNaN();
        }
        assertThat(NumberText.isIntegral("-42")).isTrue();
        assertThat(NumberText.isIntegral("4.0")).isFalse();
    }
}
