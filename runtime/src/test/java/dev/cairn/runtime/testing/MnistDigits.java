package dev.cairn.runtime.testing;

import dev.cairn.testdata.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The 62 real MNIST test digits shipped with the shared models ({@code tribuo_mnist_test_head.libsvm}), as raw
 * 0-255 pixels in the layout {@code tribuo_cnn_mnist.onnx} takes ([N,1,28,28], row-major).
 */
public record MnistDigits(float[] pixels, int[] labels) {

    /** Reads the libsvm file (1-based feature indices). */
    public static MnistDigits load() throws IOException {
        List<String> lines = Files.readAllLines(TestData.path("models/tribuo_mnist_test_head.libsvm")).stream()
                .filter(line -> !line.isBlank()).toList();
        float[] pixels = new float[lines.size() * 784];
        int[] labels = new int[lines.size()];
        for (int row = 0; row < lines.size(); row++) {
            String[] parts = lines.get(row).trim().split("\\s+");
            labels[row] = (int) Double.parseDouble(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                int feature = Integer.parseInt(parts[i].substring(0, colon)) - 1;
                pixels[row * 784 + feature] = Float.parseFloat(parts[i].substring(colon + 1));
            }
        }
        return new MnistDigits(pixels, labels);
    }

    public int count() {
        return labels.length;
    }

    /** How many rows of a [N,10] score matrix pick the right digit. */
    public int correct(float[] scores) {
        int correct = 0;
        for (int row = 0; row < count(); row++) {
            int best = 0;
            for (int digit = 1; digit < 10; digit++) {
                if (scores[row * 10 + digit] > scores[row * 10 + best]) {
                    best = digit;
                }
            }
            correct += best == labels[row] ? 1 : 0;
        }
        return correct;
    }
}
