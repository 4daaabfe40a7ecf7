package dev.cairn.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts of the build (dependency versions from the parent pom) that tests compare against instead of literals. */
public final class BuildFacts {

    private static final Properties FACTS = load();

    private BuildFacts() {
    }

    /** The ONNX Runtime version the project builds with, e.g. {@code 1.29.0}. */
    public static String onnxRuntimeVersion() {
        return fact("onnxruntime.version");
    }

    private static String fact(String key) {
        String value = FACTS.getProperty(key);
        if (value == null || value.startsWith("${")) {
            throw new IllegalStateException("build.properties has no " + key + " (was it filtered by Maven?)");
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildFacts.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the test-data jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
