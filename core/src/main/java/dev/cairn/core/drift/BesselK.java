package dev.cairn.core.drift;

/**
 * The modified Bessel function of the second kind of order 1/4, which Commons Math lacks: K_ν(x) = ∫₀^∞
 * e^(−x·cosh t)·cosh(νt) dt by the trapezoidal rule, which for this analytic, doubly exponentially decaying
 * integrand is accurate to machine precision at step 0.1 (the error falls as e^(−π²/h)).
 */
final class BesselK {

    private static final double STEP = 0.1;

    private BesselK() {
    }

    static double quarter(double x) {
        double sum = 0.5 * Math.exp(-x);
        for (int i = 1; ; i++) {
            double t = i * STEP;
            double term = Math.exp(-x * Math.cosh(t)) * Math.cosh(0.25 * t);
            sum += term;
            if (term < 1e-18 * sum) {
                return sum * STEP;
            }
        }
    }
}
