package dev.cairn.core.drift;

/**
 * The survival function of the two-sided one-sample Kolmogorov statistic D_n, following scipy's {@code kstwo.sf}
 * (Simard and L'Ecuyer 2011) for the large n that ks_2samp's asymptotic branch uses: 0 when n·d² ≥ 370,
 * 2·smirnov(n, d) when n·d² ≥ 2.2, otherwise 1 − the Pelz-Good approximation of the CDF. scipy switches to the
 * Durbin matrix for n·d^1.5 ≤ 1.4 (where the p-value is above 0.9999); Pelz-Good is used there too, which differs
 * from it by less than 1e-10.
 */
final class KolmogorovDistribution {

    private KolmogorovDistribution() {
    }

    static double sf(double d, int n) {
        if (d >= 1) {
            return 0;
        }
        if (d <= 0) {
            return 1;
        }
        double t = n * d;
        if (t <= 1) {
            // Ruben-Gambino: the CDF is n!/n^n (2t - 1)^n for 1/2n ≤ d ≤ 1/n, negligible at the n of this branch.
            return t <= 0.5 ? 1 : 1 - Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
        }
        if (t >= n - 1) {
            return 2 * Math.pow(1 - d, n);
        }
        double nd2 = t * d;
        if (d >= 0.5 || nd2 >= 2.2) {
            return nd2 >= 370 ? 0 : Math.min(1, 2 * smirnov(n, d));
        }
        return 1 - pelzGood(n, d);
    }

    /**
     * P(D+_n ≥ d), the one-sided Smirnov tail, by its exact finite sum (Birnbaum-Tingey):
     * d · Σ_j C(n, j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1). Every term is positive, so summing in log space loses
     * nothing; scipy's cephes sums the same terms in double-double.
     */
    static double smirnov(int n, double d) {
        int last = (int) Math.floor(n * (1 - d));
        if (n * (1 - d) == last) {
            last--;
        }
        double logBinomial = 0;
        double sum = 0;
        double largest = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= last; j++) {
            if (j > 0) {
                logBinomial += Math.log((double) (n - j + 1) / j);
            }
            double below = (double) (n - j) / n - d;
            double above = (double) j / n + d;
            double logTerm = logBinomial + (n - j) * Math.log(below) + (j - 1) * Math.log(above);
            if (logTerm > largest) {
                sum = sum * Math.exp(largest - logTerm) + 1;
                largest = logTerm;
            } else {
                double ratio = Math.exp(logTerm - largest);
                sum += ratio;
                if (ratio < 1e-17 * sum && j > n / 2) {
                    break;
                }
            }
        }
        return d * sum * Math.exp(largest);
    }

    /** Pelz and Good's (1976) approximation of P(D_n ≤ d), term by term as scipy's {@code _kolmogn_PelzGood}. */
    static double pelzGood(int n, double x) {
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -Math.PI * Math.PI / 8 / z2;
        if (qlog < -708) {
            return 0;
        }
        double q = Math.exp(qlog);
        double pi2 = Math.PI * Math.PI;
        double pi4 = pi2 * pi2;
        double pi6 = pi4 * pi2;
        double k1a = -z2;
        double k1b = pi2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * pi2 / 4;
        double k2c = pi4 * (1 - 2 * z2) / 16;
        double k3d = pi6 * (5 - 30 * z2) / 64;
        double k3c = pi4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = pi2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * Math.pow(z, 8);
        double[] k = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int i = maxk; i > 0; i--) {
            double m = 2 * i - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpower = Math.pow(q, 8 * i);
            double[] coefficients = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
            for (int c = 0; c < 4; c++) {
                k[c] = k[c] * qpower + coefficients[c];
            }
        }
        double sqrt2pi = Math.sqrt(2 * Math.PI);
        double[] divisors = {z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)};
        for (int c = 0; c < 4; c++) {
            k[c] = k[c] * q * sqrt2pi / divisors[c];
        }
        double q2 = Math.exp(-pi2 / 2 / z2);
        double k2extra = 0;
        double k3extra = 0;
        double sqrt3z = Math.sqrt(3) * z;
        for (int i = maxk; i > 0; i--) {
            double i2 = (double) i * i;
            double qpower = Math.pow(q2, i2);
            k2extra += i2 * qpower;
            double ipi = Math.PI * i;
            k3extra += (sqrt3z + ipi) * (sqrt3z - ipi) * i2 * qpower;
        }
        k[2] += k2extra * pi2 * sqrt2pi / (-36 * z3);
        k[3] += k3extra * pi2 * sqrt2pi / (216 * z6);
        double sum = 0;
        for (int c = 0; c < 4; c++) {
            sum += k[c] / Math.pow(n, c / 2.0);
        }
        return sum;
    }

    /** log(n!/n^n) by Stirling's series, as scipy's {@code _log_nfactorial_div_n_pow_n}. */
    private static double logFactorialOverPower(int n) {
        return org.apache.commons.math3.special.Gamma.logGamma(n + 1.0) - n * Math.log(n);
    }
}
