package dev.cairn.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of Cairn this build is, read from a resource Maven writes at build time. */
public final class CairnVersion {

    private static final String CURRENT = load();

    private CairnVersion() {
    }

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return CURRENT;
    }

    private static String load() {
        try (InputStream in = CairnVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
