package dev.cairn.core.drift;

import org.apache.commons.math3.special.Erf;

/**
 * The standard normal CDF as scipy's {@code ndtr} (cephes) forms it: 0.5 + 0.5·erf(x/√2) near zero, 0.5·erfc in
 * the tails, so that Evidently's {@code 2 * (1 - norm.cdf(|z|))} rounds the same way here.
 */
final class NormalCdf {

    private NormalCdf() {
    }

    static double cdf(double x) {
        double z = x / Math.sqrt(2);
        if (Math.abs(z) < Math.sqrt(0.5)) {
            return 0.5 + 0.5 * Erf.erf(z);
        }
        double tail = 0.5 * Erf.erfc(Math.abs(z));
        return z > 0 ? 1 - tail : tail;
    }
}
