package dev.cairn.runtime.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * A container's HEALTHCHECK: exits 0 when a GET of the URL answers 200, else 1. Model images may be built on a
 * base without a shell, curl or wget, so the check runs on the JVM already there; it touches nothing but
 * {@code java.base}, so it starts fast and never loads ONNX Runtime.
 */
public final class HealthProbe {

    private static final int TIMEOUT_MILLIS = 3000;

    private HealthProbe() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/v2/health/ready";
        System.exit(isOk(url) ? 0 : 1);
    }

    /** Whether a GET of {@code url} answers 200 within three seconds. */
    static boolean isOk(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
