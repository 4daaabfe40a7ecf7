package dev.cairn.core.deploy;

import java.util.Locale;

/**
 * What "test connection" tells about a Docker engine. The API version is read on connect, never pinned, and
 * newer request fields are sent only when {@link #apiAtLeast} says the engine knows them.
 */
public record EngineInfo(String engineVersion, String apiVersion, String os, String arch, int cpus, long memoryBytes) {

    /** Whether the engine speaks at least API version {@code wanted}, e.g. {@code "1.44"}. */
    public boolean apiAtLeast(String wanted) {
        String[] have = apiVersion.split("\\.");
        String[] want = wanted.split("\\.");
        for (int i = 0; i < Math.max(have.length, want.length); i++) {
            int a = i < have.length ? Integer.parseInt(have[i]) : 0;
            int b = i < want.length ? Integer.parseInt(want[i]) : 0;
            if (a != b) {
                return a > b;
            }
        }
        return true;
    }

    /** One line for people, e.g. {@code Docker 20.10.24 (API 1.41), linux/amd64, 2 CPUs, 7.8 GiB}. */
    public String describe() {
        return String.format(Locale.ROOT, "Docker %s (API %s), %s/%s, %d CPUs, %.1f GiB", engineVersion, apiVersion,
                os, arch, cpus, memoryBytes / (1024.0 * 1024 * 1024));
    }
}
