package dev.cairn.core.deploy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Docker engine Cairn deploys to: the local one over its unix socket, or a remote one over {@code tcp://} with
 * mutual TLS (verification always on), its {@code ca.pem}, {@code cert.pem} and {@code key.pem} in {@code certPath}.
 *
 * @param certPath null for an engine without TLS (a unix socket, or an SSH tunnel's local end)
 * @param production whether only approved model versions may be deployed to it
 */
public record DockerHost(String name, String url, Path certPath, boolean production) {

    /** The local engine's default address when {@code DOCKER_HOST} is unset. */
    public static final String DEFAULT_LOCAL_URL = "unix:///var/run/docker.sock";

    /** The name the local engine goes by when no saved host has it. */
    public static final String LOCAL_NAME = "local";

    /** The local engine: {@code DOCKER_HOST} when set (with {@code DOCKER_CERT_PATH}), else the default socket. */
    public static DockerHost local(Map<String, String> environment) {
        String url = environment.getOrDefault("DOCKER_HOST", "");
        if (url.isBlank()) {
            return new DockerHost(LOCAL_NAME, DEFAULT_LOCAL_URL, null, false);
        }
        String certPath = environment.get("DOCKER_CERT_PATH");
        boolean tls = !environment.getOrDefault("DOCKER_TLS_VERIFY", "").isBlank() && certPath != null;
        return new DockerHost(LOCAL_NAME, url, tls ? Path.of(certPath) : null, false);
    }

    /** Whether the engine is reached over TLS. */
    public boolean tls() {
        return certPath != null;
    }

    /**
     * The address clients use for ports the engine publishes: loopback for a local socket, the engine's host name
     * for a TCP engine.
     */
    public String publishedAddress() {
        URI uri = URI.create(url);
        return "tcp".equals(uri.getScheme()) && uri.getHost() != null ? uri.getHost() : "127.0.0.1";
    }
}
