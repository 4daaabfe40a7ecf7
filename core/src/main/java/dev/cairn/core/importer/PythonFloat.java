package dev.cairn.core.importer;

/** Parses floats as Python's {@code str(float)} writes them: {@code nan}, {@code inf}, {@code -inf}, {@code 1e-05}. */
final class PythonFloat {

    private PythonFloat() {
    }

    static double parse(String text) {
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
